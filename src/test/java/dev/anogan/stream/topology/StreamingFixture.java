package dev.anogan.stream.topology;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PixelEncoding;
import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.images.AssemblyPolicy;
import dev.anogan.stream.images.ImageAssembly;
import dev.anogan.stream.images.ImageRule;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.StreamsSupervision;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.BundleLoader;
import dev.anogan.stream.model.Manifest;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelConfiguration;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.model.SessionSettings;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.scoring.ImageSelection;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScorerFactory;
import dev.anogan.stream.scoring.ScoringBatcher;
import dev.anogan.stream.scoring.ScoringMethod;
import dev.anogan.stream.scoring.ScoringMetrics;
import dev.anogan.stream.serde.AvroRecordSerializer;
import dev.anogan.stream.testing.DefaultBundle;
import dev.anogan.stream.testing.FashionMnist;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.kafka.streams.Topology;

/**
 * What the streaming tests share: the committed bundle scored with the fast encoder method (egbad) under the
 * service's default ONNX Runtime and batcher settings, an in-memory schema registry that the topology reaches
 * over HTTP through the service's caching client, and real Fashion-MNIST patches. Closes all of it.
 */
public final class StreamingFixture implements AutoCloseable {

    public static final String METHOD = "egbad";
    /** The shared batcher's settings unless a test says otherwise. */
    public static final BatcherSettings DEFAULT_BATCHING = new BatcherSettings(64, Duration.ofMillis(2), 1024,
            "streaming-test");
    private static final FashionMnist MNIST = FashionMnist.test();

    /** With the service's session settings (one ONNX Runtime thread per call), as the batcher's workers expect. */
    private final ModelBundle bundle = new BundleLoader(OrtEnvironment.getEnvironment(),
            SessionSettings.of(new ModelConfiguration())).load(DefaultBundle.LOCATION);
    private final Scorer scorer;
    private final ScoringBatcher batcher;
    private final InMemorySchemaRegistry registry = TestRegistries.startInMemory();
    private final RegistryClient client = TestRegistries.clientOf(registry);
    private final AvroRecordSerializer<ImagePatch> patchSerializer = new AvroRecordSerializer<>(registry);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final StreamsMonitor monitor = new StreamsMonitor(StreamsSupervision.defaults());

    public StreamingFixture() {
        this(UnaryOperator.identity());
    }

    /** A fixture whose scoring method is {@code wrap} of the real one (to make it fail, say). */
    public StreamingFixture(UnaryOperator<ScoringMethod> wrap) {
        this(METHOD, OptionalInt.empty(), wrap);
    }

    /**
     * A fixture scoring with {@code method} of the bundle.
     *
     * @param steps search steps; empty: the manifest's
     */
    public StreamingFixture(String method, OptionalInt steps, UnaryOperator<ScoringMethod> wrap) {
        this(method, steps, wrap, DEFAULT_BATCHING);
    }

    /** As above, with the shared batcher's settings. */
    public StreamingFixture(String method, OptionalInt steps, UnaryOperator<ScoringMethod> wrap,
                            BatcherSettings batching) {
        this(method, steps, wrap, batching, ImageSelection.ANOMALOUS);
    }

    /** As above, with the images the batcher reads (the service's default: the anomalous patches'). */
    public StreamingFixture(String method, OptionalInt steps, UnaryOperator<ScoringMethod> wrap,
                            BatcherSettings batching, ImageSelection images) {
        MethodSpec spec = bundle.manifest().method(method);
        Scorer real = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle)
                .create(spec, steps.orElse(spec.steps()), 0);
        scorer = new Scorer(wrap.apply(real.method()), real.mapper(), real.calibration());
        batcher = new ScoringBatcher(scorer, batching, new BatchingConfiguration().getWorkers(),
                ScoringMetrics.unregistered(scorer.method().name(), scorer.calibration()), images);
    }

    public Scorer scorer() {
        return scorer;
    }

    public ScoringBatcher batcher() {
        return batcher;
    }

    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** The methods the bundle offers. */
    public List<String> methods() {
        return List.copyOf(bundle.manifest().methods().keySet());
    }

    public Manifest manifest() {
        return bundle.manifest();
    }

    public String modelName() {
        return bundle.manifest().model().name();
    }

    /** The topology, reporting to {@link #monitor()}. */
    public Topology topology(TopicsConfiguration topics, BatchPolicy policy) {
        return topology(topics, policy, monitor);
    }

    /** The topology, reporting to {@code monitor} (to start it with). */
    public Topology topology(TopicsConfiguration topics, BatchPolicy policy, StreamsMonitor monitor) {
        return topology(topics, policy, monitor, client);
    }

    /** The topology on another registry (one that wraps {@link #client()}, say). */
    public Topology topology(TopicsConfiguration topics, BatchPolicy policy, StreamsMonitor monitor,
                             SchemaRegistry registry) {
        return build(topics, policy, monitor, registry, Optional.empty());
    }

    /** The topology with its image part, judging images by {@link #imageRule()}. */
    public Topology topology(TopicsConfiguration topics, BatchPolicy policy, AssemblyPolicy images) {
        return topology(topics, policy, monitor, images);
    }

    /** The topology with its image part, reporting to {@code monitor}. */
    public Topology topology(TopicsConfiguration topics, BatchPolicy policy, StreamsMonitor monitor,
                             AssemblyPolicy images) {
        return build(topics, policy, monitor, client, Optional.of(new ImageAssembly(imageRule(), images)));
    }

    private Topology build(TopicsConfiguration topics, BatchPolicy policy, StreamsMonitor monitor,
                           SchemaRegistry registry, Optional<ImageAssembly> images) {
        return ScoringTopology.build(topics, registry, bundle.manifest().model(), scorer.mapper(), batcher, policy,
                new StreamsConfiguration().getMaxMetadataBytes(), meters, monitor, images);
    }

    /** How the service judges images with this fixture's method: the bundle's image calibration or the fallback. */
    public ImageRule imageRule() {
        return ImageRule.of(bundle.manifest().method(scorer.method().name()), scorer.method().steps(),
                scorer.calibration());
    }

    /** The service's caching client of {@link #registry()}, over HTTP: what the topologies use. */
    public SchemaRegistry client() {
        return client;
    }

    /** What the topologies of {@link #topology(TopicsConfiguration, BatchPolicy)} report to, with default supervision. */
    public StreamsMonitor monitor() {
        return monitor;
    }

    /** Where the topologies of this fixture count their dead letters. */
    public MeterRegistry meters() {
        return meters;
    }

    /** Fashion-MNIST test image {@code i} as a scanner would publish it. */
    public static ImagePatch patch(int i) {
        Patch p = MNIST.patch(i);
        byte[] pixels = new byte[p.pixels().remaining()];
        p.pixels().duplicate().get(pixels);
        return ImagePatch.newBuilder()
                .setPatchId("patch-" + i).setSourceId("scanner-1").setImageId("image-" + i).setX(0).setY(0)
                .setCaptureTime(Instant.ofEpochMilli(1_700_000_000_000L + i)).setWidth(p.width())
                .setHeight(p.height()).setChannels(p.channels()).setEncoding(PixelEncoding.UINT8)
                .setPixels(ByteBuffer.wrap(pixels)).setModel(null).setMetadata(Map.of("index", String.valueOf(i)))
                .build();
    }

    /** Patches {@code 0 .. n-1}: both trousers (the normal class) and other garments. */
    public static List<ImagePatch> patches(int n) {
        return IntStream.range(0, n).mapToObj(StreamingFixture::patch).toList();
    }

    /**
     * {@code n} test patches of which the share {@code anomalousShare} is from classes other than {@code normal},
     * spread evenly (patch {@code j} is anomalous when ⌊(j + 1)·share⌋ > ⌊j·share⌋); each kind in test-set order,
     * from its start again when it runs out (a patch id may then repeat).
     */
    public static List<ImagePatch> patches(int n, double anomalousShare, Set<Integer> normal) {
        List<Integer> normals = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < MNIST.size(); i++) {
            (normal.contains(MNIST.label(i)) ? normals : others).add(i);
        }
        List<ImagePatch> patches = new ArrayList<>(n);
        int nextNormal = 0;
        int nextOther = 0;
        for (int j = 0; j < n; j++) {
            boolean anomalous = Math.floor((j + 1) * anomalousShare) > Math.floor(j * anomalousShare);
            patches.add(patch(anomalous ? others.get(nextOther++ % others.size())
                    : normals.get(nextNormal++ % normals.size())));
        }
        return patches;
    }

    /** The labels the bundle was trained on as normal (its manifest's {@code training.normal_classes}). */
    public Set<Integer> normalClasses() {
        Set<Integer> classes = Set.copyOf(bundle.manifest().normalClasses());
        if (classes.isEmpty()) {
            throw new IllegalStateException("the bundle's manifest names no normal classes (training.normal_classes)");
        }
        return classes;
    }

    /** The wire-format bytes of {@code patch} on the topic {@code topic}. */
    public byte[] bytes(String topic, ImagePatch patch) {
        return patchSerializer.serialize(topic, patch);
    }

    @Override
    public void close() {
        batcher.close();
        registry.close();
        bundle.close();
    }
}
