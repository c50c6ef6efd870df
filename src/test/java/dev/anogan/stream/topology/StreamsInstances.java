package dev.anogan.stream.topology;

import dev.anogan.stream.images.AssemblyPolicy;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.StreamsSupervision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The benchmark's streams instances: Kafka Streams clients of one application, each with its own state folder,
 * configured as the service configures itself ({@link StreamsConfiguration} with its defaults, its derived
 * transaction timeout included), all scoring through the fixture's batcher. Closes those still running.
 */
final class StreamsInstances implements AutoCloseable {

    private final StreamingFixture fixture;
    private final BrokerHarness harness;
    private final StreamsConfiguration service = new StreamsConfiguration();
    private final BatchPolicy policy;
    private final Optional<AssemblyPolicy> images;
    private final int partitions;
    private final Path stateDir;
    private final Deque<ScoringStreams> running = new ArrayDeque<>();
    private int started;

    /**
     * With {@code options}' threads, batch, wait, commit interval and further Kafka settings.
     *
     * @param images the topology's image part; empty: the scoring part alone
     */
    StreamsInstances(StreamingFixture fixture, BrokerHarness harness, String bootstrapServers, StreamingOptions options,
                     Path stateDir, Optional<AssemblyPolicy> images) {
        this.fixture = fixture;
        this.images = images;
        this.harness = harness;
        this.partitions = options.partitions();
        this.stateDir = stateDir;
        this.policy = new BatchPolicy(options.batch(), Duration.ofMillis(options.waitMs()));
        service.setApplicationId(harness.applicationId);
        service.setBootstrapServers(bootstrapServers);
        service.setNumStreamThreads(options.threads());
        Map<String, String> properties = new HashMap<>(options.streamsProperties());
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(options.commitMs()));
        service.setProperties(properties);
    }

    /** Starts one more instance. */
    void add() {
        Properties props = service.streamsProperties(service.tasksPerThread(partitions));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("instance-" + started++).toString());
        StreamsMonitor monitor = new StreamsMonitor(StreamsSupervision.defaults());
        Topology topology = images.map(assembly -> fixture.topology(harness.topics, policy, monitor, assembly))
                .orElseGet(() -> fixture.topology(harness.topics, policy, monitor));
        running.addLast(ScoringStreams.start(topology, props, new SimpleMeterRegistry(), monitor));
    }

    /** Closes the instance started first (a graceful stop: it finishes its batch, commits and leaves the group). */
    void closeOldest() {
        running.removeFirst().close();
    }

    /** The transaction timeout the instances run with. */
    Duration transactionTimeout() {
        return service.transactionTimeout(service.tasksPerThread(partitions));
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            closeOldest();
        }
    }
}
