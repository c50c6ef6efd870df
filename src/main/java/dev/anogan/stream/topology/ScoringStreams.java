package dev.anogan.stream.topology;

import dev.anogan.stream.kafka.StreamsSupervision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.health.HealthStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running scoring application: owns its {@link KafkaStreams} and the admin client of its broker check, and
 * closes them in {@link #close()}. Whatever the topology uses (registry, batcher, model) must be closed after this.
 */
public final class ScoringStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringStreams.class);
    /** Readiness asks the cluster at most this often; in between it repeats the last answer. */
    private static final Duration BROKER_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final StreamsMonitor monitor;
    private final Admin admin;
    private final Object brokerCheckLock = new Object();
    private long brokerCheckedAtNanos;
    private String brokerProblem;

    private ScoringStreams(KafkaStreams streams, KafkaStreamsMetrics metrics, StreamsMonitor monitor, Admin admin) {
        this.streams = streams;
        this.metrics = metrics;
        this.monitor = monitor;
        this.admin = admin;
    }

    /**
     * Starts the topology, publishing the metrics of Kafka Streams and its clients in {@code registry} (records
     * consumed and produced per topic, consumer lag, commit and process latencies) while it runs. A stream thread
     * that fails (bad data never makes one fail; an unreachable registry or a model that is down can) is replaced
     * after a back-off, a bounded number of times within a window ({@link StreamsMonitor#threadFailed}); then the
     * application stops and liveness goes DOWN.
     *
     * @param monitor the one the topology's processors report to
     */
    public static ScoringStreams start(Topology topology, Properties properties, MeterRegistry registry,
                                       StreamsMonitor monitor) {
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(monitor::threadFailed);
        Admin admin = Admin.create(adminProperties(properties, monitor.settings().brokerCheckTimeout()));
        try {
            streams.start();
        } catch (RuntimeException e) {
            streams.close(monitor.settings().closeTimeout());
            admin.close(Duration.ZERO);
            throw e;
        }
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        return new ScoringStreams(streams, metrics, monitor, admin);
    }

    private static Properties adminProperties(Properties streamsProperties, Duration timeout) {
        Properties props = new Properties();
        streamsProperties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(key))) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG,
                streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG, "anogan-stream") + "-health");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return props;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public StreamsMonitor monitor() {
        return monitor;
    }

    /**
     * Readiness: DOWN unless running (or rebalancing), DOWN while the cluster does not answer, and DOWN when this
     * instance has partitions with lag but made no progress for {@link StreamsSupervision#progressTimeout()}.
     */
    public ProbeReport readiness() {
        State state = streams.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        HealthStatus status = StreamsHealth.readiness(state);
        if (status == HealthStatus.UP) {
            String broker = brokerProblem();
            if (broker != null) {
                details.put("broker", broker);
                status = HealthStatus.DOWN;
            }
        }
        if (status == HealthStatus.UP && state == State.RUNNING) {
            long lag = inputLag();
            Duration since = monitor.sinceProgress();
            boolean assigned = streams.metadataForLocalThreads().stream()
                    .anyMatch(thread -> !thread.activeTasks().isEmpty());
            if (assigned && lag > 0 && since.compareTo(monitor.settings().progressTimeout()) > 0) {
                details.put("stalled", "input lag " + lag + " and no progress for " + since.toSeconds() + " s");
                status = HealthStatus.DOWN;
            }
        }
        return new ProbeReport(status, details);
    }

    /**
     * Liveness: DOWN once the application has failed or stopped (also after too many stream-thread failures in
     * the window), and while the model is down.
     */
    public ProbeReport liveness() {
        State state = streams.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        HealthStatus status = StreamsHealth.liveness(state);
        monitor.gaveUpReason().ifPresent(why -> details.put("failed", why));
        monitor.lastFailure().ifPresent(why -> details.put("lastThreadFailure", why));
        if (monitor.gaveUpReason().isPresent()) {
            status = HealthStatus.DOWN;
        }
        if (monitor.modelDownReason().isPresent()) {
            details.put("model", "down: " + monitor.modelDownReason().get());
            status = HealthStatus.DOWN;
        }
        return new ProbeReport(status, details);
    }

    /**
     * The largest lag of this instance's active input partitions: the end offset its consumer last saw minus the
     * offset last committed (records fetched but not scored yet count as lag); 0 when unknown.
     */
    private long inputLag() {
        long lag = 0;
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (Map.Entry<TopicPartition, Long> end : task.endOffsets().entrySet()) {
                    long committed = Math.max(0, task.committedOffsets().getOrDefault(end.getKey(), 0L));
                    lag = Math.max(lag, end.getValue() - committed);
                }
            }
        }
        return lag;
    }

    /** Why the cluster seems unreachable, or null when it answered (asked at most once a second). */
    private String brokerProblem() {
        synchronized (brokerCheckLock) {
            long now = System.nanoTime();
            if (brokerCheckedAtNanos != 0 && now - brokerCheckedAtNanos < BROKER_CHECK_INTERVAL.toNanos()) {
                return brokerProblem;
            }
            long timeoutMs = monitor.settings().brokerCheckTimeout().toMillis();
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs)).nodes()
                        .get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
                brokerProblem = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                brokerProblem = "interrupted while asking the cluster";
            } catch (Exception e) {
                brokerProblem = "the Kafka cluster did not answer within " + timeoutMs + " ms: " + e.getMessage();
            }
            brokerCheckedAtNanos = System.nanoTime();
            return brokerProblem;
        }
    }

    /**
     * Stops the stream threads (each finishes and commits the batch in hand first) and leaves the consumer group,
     * so that another instance, or this one restarted, gets the partitions at once instead of after the session
     * timeout (static members are removed from the group too).
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        metrics.close();
        boolean stopped = streams.close(new KafkaStreams.CloseOptions().timeout(monitor.settings().closeTimeout())
                .leaveGroup(true));
        admin.close(Duration.ofSeconds(1));
        LOG.info("Kafka Streams {} in {} ms", stopped ? "stopped" : "did not stop", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * One probe's verdict.
     *
     * @param status  UP or DOWN
     * @param details why, for people
     */
    public record ProbeReport(HealthStatus status, Map<String, Object> details) {
    }
}
