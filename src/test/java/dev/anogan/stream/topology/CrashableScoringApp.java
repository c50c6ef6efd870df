package dev.anogan.stream.topology;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.images.AssemblyPolicy;
import dev.anogan.stream.images.ImageAssembly;
import dev.anogan.stream.images.ImageRule;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.StreamsSupervision;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScorerFactory;
import dev.anogan.stream.scoring.ScoringBatcher;
import dev.anogan.stream.testing.DefaultBundle;
import java.nio.file.Path;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The scoring streams application alone in a JVM, for {@link CrashRecoveryTest} to kill: runs until the process
 * dies. Arguments: bootstrap servers, registry URL, application id, state folder, then the topics (patches, scores,
 * alerts, dead letters, image verdicts).
 */
public final class CrashableScoringApp {

    /** Long enough that no image times out across the kill and the restart. */
    private static final AssemblyPolicy IMAGES = new AssemblyPolicy(Duration.ofMinutes(2), 1000, 256,
            Duration.ofMinutes(10), Duration.ofSeconds(1));

    private CrashableScoringApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        TopicsConfiguration topics = new TopicsConfiguration();
        topics.setPatches(args[4]);
        topics.setScores(args[5]);
        topics.setAlerts(args[6]);
        topics.setDeadLetters(args[7]);
        topics.setImageVerdicts(args[8]);
        Properties props = BrokerHarness.exactlyOnce(args[0], args[2], Path.of(args[3]));
        // A killed member must leave the group quickly for the restarted one to take over its tasks.
        props.put("consumer.session.timeout.ms", "6000");
        props.put("consumer.heartbeat.interval.ms", "1000");
        RegistryClient registry = new RegistryClient(TestRegistries.config(args[1], 3));
        try (ModelBundle bundle = DefaultBundle.load()) {
            Scorer scorer = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle)
                    .create(bundle.manifest().method(StreamingFixture.METHOD), 0, 0);
            MeterRegistry meters = new SimpleMeterRegistry();
            StreamsMonitor monitor = new StreamsMonitor(StreamsSupervision.defaults());
            try (ScoringBatcher batcher = new ScoringBatcher(scorer,
                    new BatcherSettings(64, Duration.ofMillis(2), 1024, "crash-test"));
                 ScoringStreams streams = ScoringStreams.start(ScoringTopology.build(topics, registry,
                         bundle.manifest().model(), scorer.mapper(), batcher,
                         new BatchPolicy(16, Duration.ofMillis(50)), new StreamsConfiguration().getMaxMetadataBytes(),
                         meters, monitor, Optional.of(new ImageAssembly(ImageRule.of(
                                 bundle.manifest().method(StreamingFixture.METHOD), scorer.method().steps(),
                                 scorer.calibration()), IMAGES))), props, meters, monitor)) {
                System.out.println("CRASHABLE-APP-STARTED");
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
