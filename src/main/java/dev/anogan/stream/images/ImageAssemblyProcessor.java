package dev.anogan.stream.images;

import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the outcomes of each image's patches (keyed by image) and publishes the image's verdict once all of its
 * patches are accounted for, or when it times out, or when it is the oldest open image and one more arrives.
 *
 * <p>Both stores are changelogged: {@link ImageTopology#IMAGES_STORE} holds each open image (its counts, its
 * opening time) and, after its verdict, a closed marker for {@link AssemblyPolicy#closedRetention()} that drops
 * late patches instead of opening the image again; {@link ImageTopology#PATCHES_STORE} holds each patch's outcome
 * under its image's key, until the verdict. Under exactly-once the verdict, the stores' updates and the input
 * offsets commit together, so a crash or a rebalance mid-image loses no patch and publishes no verdict twice; the
 * opening time is stored, so the timeout survives them too. A patch id seen again for an open image counts once.
 *
 * <p>Beside the stores, the processor keeps the image store's content in memory (rebuilt from it in
 * {@link #init}), in opening order, for the timeout check and the eviction. Owns nothing to close.
 */
final class ImageAssemblyProcessor implements Processor<String, PatchOutcome, String, ImageVerdict> {

    private static final Logger LOG = LoggerFactory.getLogger(ImageAssemblyProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final ImageVerdicts verdicts;
    private final AssemblyPolicy policy;
    private final ImageMeters meters;
    /** Open images by key, oldest first. */
    private final Map<String, OpenImage> open = new LinkedHashMap<>();
    /** Closed markers by key, oldest first. */
    private final Map<String, OpenImage> closed = new LinkedHashMap<>();
    private ProcessorContext<String, ImageVerdict> context;
    private KeyValueStore<String, OpenImage> images;
    private KeyValueStore<String, PatchOutcome> patches;

    ImageAssemblyProcessor(ImageVerdicts verdicts, AssemblyPolicy policy, ImageMeters meters) {
        this.verdicts = verdicts;
        this.policy = policy;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, ImageVerdict> context) {
        this.context = context;
        this.images = context.getStateStore(ImageTopology.IMAGES_STORE);
        this.patches = context.getStateStore(ImageTopology.PATCHES_STORE);
        // Kafka Streams may init this instance again after wiping and restoring the task's state: start over.
        open.clear();
        closed.clear();
        List<Map.Entry<String, OpenImage>> stored = new ArrayList<>();
        try (KeyValueIterator<String, OpenImage> all = images.all()) {
            all.forEachRemaining(entry -> stored.add(Map.entry(entry.key, entry.value)));
        }
        stored.sort(Comparator.comparingLong(entry -> entry.getValue().openedAtMs()));
        stored.forEach(entry -> (entry.getValue().isClosed() ? closed : open).put(entry.getKey(), entry.getValue()));
        context.schedule(policy.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, PatchOutcome> record) {
        String key = record.key();
        PatchOutcome patch = record.value();
        if (closed.containsKey(key)) {
            meters.latePatch();
            LOG.debug("Dropping patch {} of image {}: the image's verdict is out", patch.patchId(), patch.imageId());
            return;
        }
        long now = context.currentSystemTimeMs();
        OpenImage image = open.get(key);
        if (image == null) {
            makeRoom(now);
            image = OpenImage.first(patch, now);
        }
        String patchKey = ImageKeys.patch(key, patch.patchId());
        if (patches.get(patchKey) != null) {
            return;
        }
        patches.put(patchKey, patch);
        image = image.counting(patch);
        if (image.isComplete()) {
            close(key, image, ImageStatus.COMPLETE, now);
        } else {
            open.put(key, image);
            images.put(key, image);
        }
    }

    /** Closes the oldest open images until there is room for one more. */
    private void makeRoom(long now) {
        while (open.size() >= policy.maxOpenImages()) {
            Map.Entry<String, OpenImage> oldest = open.entrySet().iterator().next();
            close(oldest.getKey(), oldest.getValue(), ImageStatus.EVICTED, now);
        }
    }

    /** Closes the images past their timeout and forgets the closed markers past their retention. */
    private void expire(long now) {
        List<Map.Entry<String, OpenImage>> due = open.entrySet().stream()
                .filter(entry -> now - entry.getValue().openedAtMs() >= policy.timeout().toMillis()).toList();
        due.forEach(entry -> close(entry.getKey(), entry.getValue(), ImageStatus.TIMED_OUT, now));
        List<String> forgotten = closed.entrySet().stream()
                .filter(entry -> now - entry.getValue().closedAtMs() >= policy.closedRetention().toMillis())
                .map(Map.Entry::getKey).toList();
        forgotten.forEach(key -> {
            closed.remove(key);
            images.delete(key);
        });
    }

    private void close(String key, OpenImage image, ImageStatus status, long now) {
        List<PatchOutcome> outcomes = new ArrayList<>();
        List<String> patchKeys = new ArrayList<>();
        try (KeyValueIterator<String, PatchOutcome> all = patches.prefixScan(key, KEYS)) {
            all.forEachRemaining(entry -> {
                patchKeys.add(entry.key);
                outcomes.add(entry.value);
            });
        }
        ImageVerdict verdict = verdicts.of(image, outcomes, status, now);
        context.forward(new Record<>(image.imageId(), verdict, now));
        patchKeys.forEach(patches::delete);
        OpenImage marker = image.closed(now);
        open.remove(key);
        closed.put(key, marker);
        images.put(key, marker);
        meters.verdict(status);
    }
}
