package dev.anogan.stream.images;

import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.kafka.AvroSerdes;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.Manifest.ModelInfo;
import dev.anogan.stream.registry.SchemaRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The image part of the topology, fed by what the scoring part writes: {@code scores-for-images} (the scores topic)
 * and {@code dead-letters-for-images} (the dead-letter topic) → the outcomes of tiles of images, keyed by image →
 * the repartition topic {@code <application.id>-scores-by-image-repartition} (so that an image's patches meet in
 * one task, whatever keys and partitions they came with) → {@code image-assembly} with its stores → the verdicts
 * topic. Patches without a geometry stop at the first step.
 *
 * <p>Built with the DSL for its repartition topic, which Kafka Streams creates and purges itself; the scoring part's
 * processor-API nodes are added to the same {@link org.apache.kafka.streams.Topology} after it, so the image part's
 * two sub-topologies come first (ids 0 and 1) and the scoring part's is 2. Its tasks' stores are found by name and
 * restored from their changelogs, so an instance upgraded from a topology without images starts its scoring tasks
 * from the changelog rather than from the state folder of their old ids.
 */
public final class ImageTopology {

    public static final String SCORES_SOURCE = "scores-for-images";
    public static final String DEAD_LETTERS_SOURCE = "rejects-for-images";
    public static final String REPARTITION = "scores-by-image";
    public static final String ASSEMBLY_PROCESSOR = "image-assembly";
    public static final String IMAGES_STORE = "image-assembly-images";
    public static final String PATCHES_STORE = "image-assembly-patches";
    public static final String VERDICTS_SINK = "image-verdicts";

    private ImageTopology() {
    }

    /**
     * Adds the image part to {@code builder}. The registry must outlive the Kafka Streams that runs it.
     *
     * @param model the model the scoring part scores with, named in the verdicts
     * @param meters where the verdicts and late patches are counted
     */
    public static void addTo(StreamsBuilder builder, TopicsConfiguration topics, SchemaRegistry registry,
                             ModelInfo model, ImageAssembly assembly, MeterRegistry meters) {
        PatchOutcomes outcomes = new PatchOutcomes(registry);
        ImageVerdicts verdicts = new ImageVerdicts(model, assembly.rule(), assembly.policy().maxMapSide());
        ImageMeters imageMeters = new ImageMeters(meters);
        KStream<String, PatchOutcome> scored = outcomes(builder, topics.getScores(), SCORES_SOURCE,
                outcomes::ofScore);
        KStream<String, PatchOutcome> rejected = outcomes(builder, topics.getDeadLetters(), DEAD_LETTERS_SOURCE,
                outcomes::ofDeadLetter);
        // In memory: an open image is a few counts. On disk (RocksDB): the patches' maps, 4 bytes a pixel.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IMAGES_STORE),
                Serdes.String(), AssemblySerdes.images()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PATCHES_STORE),
                Serdes.String(), AssemblySerdes.outcomes()).withCachingEnabled());
        scored.merge(rejected, Named.as("outcomes-for-images"))
                .repartition(Repartitioned.with(Serdes.String(), AssemblySerdes.outcomes()).withName(REPARTITION))
                .process(() -> new ImageAssemblyProcessor(verdicts, assembly.policy(), imageMeters),
                        Named.as(ASSEMBLY_PROCESSOR), IMAGES_STORE, PATCHES_STORE)
                .to(topics.getImageVerdicts(), Produced.with(Serdes.String(), AvroSerdes.of(registry,
                        ImageVerdict.class)).withName(VERDICTS_SINK));
    }

    /** The outcomes of the tiles among one topic's records, keyed by image. */
    private static KStream<String, PatchOutcome> outcomes(StreamsBuilder builder, String topic, String name,
                                                          Function<byte[], Optional<PatchOutcome>> read) {
        return builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name))
                .flatMap((key, value) -> read.apply(value)
                        .map(outcome -> List.of(KeyValue.pair(outcome.imageKey(), outcome)))
                        .orElse(List.of()), Named.as(name + "-by-image"));
    }
}
