package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.testing.CommittedRecords;
import dev.anogan.stream.testing.Workload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Record keys are not part of the topic contract: scanners key patches as they like (often not Avro) and every score
 * and alert carries its patch's key unchanged. A consumer configured as the README says (keys as bytes, the Avro
 * deserializer for values only) reads the scores and alerts of patches keyed by arbitrary bytes, a plain string, an
 * empty key or none, each with its patch's key; the dashboard's feed reads every one of them.
 */
@ExtendWith(SharedLiveService.class)
class NonAvroKeysTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Keys by test image: not Avro, nor anything the service could decode; none is another test's patch id. */
    private static final Map<Integer, byte[]> KEYS = Map.of(
            // Confluent's magic byte and a schema id, then bytes that are not Avro data of any schema.
            9_000, new byte[] {0, 0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
            9_001, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0x7F, (byte) 0x80},
            9_002, "scanner-7/row-3/col-9 µm".getBytes(StandardCharsets.UTF_8),
            9_003, new byte[0]);
    /** Published without a key, as many producers do. */
    private static final int UNKEYED = 9_004;

    @Test
    void scoresAndAlertsKeepTheirPatchesNonAvroKeysAndAreReadAsTheContractSays(LiveService service)
            throws Exception {
        List<Integer> indices = IntStream.rangeClosed(9_000, UNKEYED).boxed().toList();
        List<PatchVerdict> verdicts = service.scorer().score(indices.stream().map(Workload.MNIST::patch).toList(),
                false);
        Set<String> expectedScores = new TreeSet<>();
        Set<String> expectedAlerts = new TreeSet<>();
        for (int k = 0; k < indices.size(); k++) {
            String keyed = keyed(indices.get(k), KEYS.get(indices.get(k)));
            expectedScores.add(keyed);
            if (verdicts.get(k).anomalous()) {
                expectedAlerts.add(keyed);
            }
        }
        assertFalse(expectedAlerts.isEmpty(), "the patches need an anomaly among them");

        service.publish(indices, KEYS::get);

        assertEquals(expectedScores, keyedOutputs(service, service.topics().getScores(), PatchScore.class,
                PatchScore::getPatchId, expectedScores));
        assertEquals(expectedAlerts, keyedOutputs(service, service.topics().getAlerts(), AnomalyAlert.class,
                AnomalyAlert::getPatchId, expectedAlerts));
        JsonNode stats = service.awaitAllScored(TIMEOUT);
        assertEquals(0, stats.get("counts").get("unreadable").longValue(), stats.toString());
    }

    /** "patch id / key in hex" of the committed records of {@code topic} that are among {@code wanted}. */
    private static <T extends SpecificRecord> Set<String> keyedOutputs(LiveService service, String topic,
                                                                       Class<T> type, Function<T, CharSequence> id,
                                                                       Set<String> wanted) {
        // the shared service also scores other tests' image tiles, with ids of their own
        Predicate<ConsumerRecord<byte[], T>> published = r -> id.apply(r.value()).toString().startsWith("patch-");
        Function<ConsumerRecord<byte[], T>, String> keyed = r -> keyed(
                Integer.parseInt(id.apply(r.value()).toString().substring("patch-".length())), r.key());
        List<ConsumerRecord<byte[], T>> records = CommittedRecords.readRecords(service.bootstrapServers(), topic,
                service.registry(), type,
                read -> read.stream().filter(published).map(keyed).collect(Collectors.toSet()).containsAll(wanted),
                TIMEOUT);
        return records.stream().filter(published).map(keyed).filter(wanted::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String keyed(int index, byte[] key) {
        return "patch-" + index + " / " + (key == null ? "null" : "[" + HexFormat.of().formatHex(key) + "]");
    }
}
