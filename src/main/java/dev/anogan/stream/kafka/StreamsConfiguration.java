package dev.anogan.stream.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams application ({@code anogan.streams.*}; env vars such as
 * {@code ANOGAN_STREAMS_BOOTSTRAP_SERVERS}). The streams application starts only when the bootstrap servers are set.
 * Any other Kafka setting (security, SASL, commit interval, ...) goes under {@code anogan.streams.properties}. The
 * defaults of the batch wait, the commit interval and the stream threads come from the end-to-end benchmark
 * (docs/benchmarks/streaming.md).
 */
@ConfigurationProperties(StreamsConfiguration.PREFIX)
public class StreamsConfiguration {

    public static final String PREFIX = "anogan.streams";
    /** The property whose presence starts the streams application. */
    public static final String BOOTSTRAP_SERVERS = PREFIX + ".bootstrap-servers";
    /**
     * Kafka Streams {@code commit.interval.ms} unless {@code anogan.streams.properties} sets it. With exactly-once,
     * scores become visible to read_committed consumers when their transaction commits, so this adds up to its
     * length to each patch's latency, and each commit costs a transaction. Kafka's exactly-once default is 100.
     */
    public static final long COMMIT_INTERVAL_MS = 50;
    /**
     * What one commit costs at most on top of the flushes a transaction holds (end the transaction, commit the
     * offsets, flush the changelog): the margin of the derived {@code transaction.timeout.ms}.
     */
    /** Dynamic members' session timeout unless set: a crashed member's partitions move after this. */
    public static final Duration DYNAMIC_SESSION_TIMEOUT = Duration.ofSeconds(10);

    static final Duration COMMIT_MARGIN = Duration.ofSeconds(10);
    /** Brokers refuse a transaction timeout above their {@code transaction.max.timeout.ms} (15 min by default). */
    static final Duration BROKER_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    /** Kafka's own {@code max.poll.interval.ms}: the derived value never goes below it. */
    static final Duration KAFKA_MAX_POLL_INTERVAL = Duration.ofMinutes(5);

    /** Kafka Streams {@code application.id}: the consumer group and the prefix of internal topics. */
    @NotBlank
    private String applicationId = "anogan-stream";

    /** Kafka {@code bootstrap.servers}; unset: no streams application. */
    private String bootstrapServers;

    /** {@code exactly_once_v2} or {@code at_least_once}. */
    @NotBlank
    private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;

    /**
     * Valid patches buffered by the tasks of one stream thread together before the thread scores them as one batch;
     * unset: {@code anogan.batching.max-batch-size}.
     */
    @Min(1)
    private Integer maxBatchSize;

    /**
     * Longest a buffered patch waits for its stream thread's batch to fill (checked by wall-clock punctuations a
     * quarter of it apart). Under light load batches never fill, so this adds to every patch's latency; the shared
     * batcher still merges the part batches of all threads into one model call.
     */
    @NotNull
    private Duration maxBatchWait = Duration.ofMillis(20);

    /** Kafka Streams {@code state.dir}; unset: Kafka's default under the temporary folder. */
    private String stateDir;

    /**
     * Stream threads in this instance; one per core by default, so that one thread reads and writes Kafka while
     * another waits for its batch to be scored. Threads beyond the input partitions assigned here stay idle.
     */
    @Min(1)
    private int numStreamThreads = Runtime.getRuntime().availableProcessors();

    /**
     * Static group membership: the consumer's {@code group.instance.id} (Kafka Streams appends the thread index).
     * A member restarted with the same id takes its partitions back at once, without a rebalance, as long as it
     * is back within the session timeout. Must be unique per instance and stable across restarts: the chart sets
     * the pod name ({@code ANOGAN_STREAMS_INSTANCE_ID}). Unset: dynamic membership.
     */
    private String instanceId;

    /**
     * The consumer's {@code session.timeout.ms}: how long the group waits for a silent member before it moves its
     * partitions. Unset: {@link #DYNAMIC_SESSION_TIMEOUT} for dynamic members (a graceful close leaves the group,
     * so this is only waited out after a crash), Kafka's 45 s for static ones (a restart must come back within it
     * to avoid a rebalance).
     */
    private Duration sessionTimeout;

    /**
     * The worst-case time of one flush: the patches of one batch scored, including the wait in the shared
     * batcher's queue behind the other threads' batches. Kafka's {@code transaction.timeout.ms} and
     * {@code max.poll.interval.ms} are derived from it ({@link #transactionTimeout(int)}, {@link #maxPollInterval(int)}):
     * raise it for slow methods (AnoGAN at Γ = 500 takes tens of seconds per batch on a CPU).
     */
    @NotNull
    private Duration maxBatchTime = Duration.ofSeconds(10);

    /**
     * Readiness goes DOWN when this instance has partitions, they have lag, and nothing was processed for this
     * long (never less than {@link #getMaxBatchTime()} plus a commit interval).
     */
    @NotNull
    private Duration progressTimeout = Duration.ofSeconds(60);

    /** Readiness asks the cluster for its brokers at most this often; no answer within it: DOWN. */
    @NotNull
    private Duration brokerCheckTimeout = Duration.ofSeconds(5);

    /** A stream thread that fails is replaced, at most this many times within {@link #replacementWindow}. */
    @Min(0)
    private int maxThreadReplacements = 5;

    /** The window of {@link #maxThreadReplacements}; one more failure within it stops the application (liveness DOWN). */
    @NotNull
    private Duration replacementWindow = Duration.ofMinutes(10);

    /** Wait before the first replacement of a failed thread; doubles with each failure in the window. */
    @NotNull
    private Duration replacementBackoff = Duration.ofSeconds(1);

    /** Most a replacement waits. */
    @NotNull
    private Duration maxReplacementBackoff = Duration.ofSeconds(30);

    /** How long a close waits for the stream threads to finish the batch in hand. */
    @NotNull
    private Duration closeTimeout = Duration.ofSeconds(30);

    /**
     * Most bytes of a patch's free metadata (keys and values, UTF-8). It is copied into every score and alert, so
     * an input within the broker's limits could make outputs beyond them: a larger one is a dead letter
     * ({@code METADATA_TOO_LARGE}).
     */
    @Min(0)
    private int maxMetadataBytes = 64 * 1024;

    /** Further Kafka Streams, producer and consumer settings by their Kafka names; they win over the ones above. */
    @NotNull
    private Map<String, String> properties = new HashMap<>();

    /** The Kafka Streams properties of these settings, for a thread that holds one task. */
    public Properties streamsProperties() {
        return streamsProperties(1);
    }

    /**
     * The Kafka Streams properties of these settings.
     *
     * @param tasksPerThread the most input partitions one stream thread may hold (the patches topic's partitions
     *                       over the stream threads, rounded up): the transaction timeout grows with it
     */
    public Properties streamsProperties(int tasksPerThread) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        getBootstrapServers().ifPresent(servers -> props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        getStateDir().ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir));
        getInstanceId().ifPresent(id -> props.put(StreamsConfig.mainConsumerPrefix(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        effectiveSessionTimeout().ifPresent(timeout -> props.put(StreamsConfig.mainConsumerPrefix(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) timeout.toMillis()));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) transactionTimeout(tasksPerThread).toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
                (int) maxPollInterval(tasksPerThread).toMillis());
        props.putAll(properties);
        return props;
    }

    /** The session timeout to set: the configured one, else {@link #DYNAMIC_SESSION_TIMEOUT} for dynamic members. */
    public Optional<Duration> effectiveSessionTimeout() {
        if (sessionTimeout != null) {
            return Optional.of(sessionTimeout);
        }
        return instanceId == null ? Optional.of(DYNAMIC_SESSION_TIMEOUT) : Optional.empty();
    }

    /**
     * Kafka's {@code transaction.timeout.ms}, derived from the worst-case batch time. A transaction opens with the
     * first output sent after a commit and lasts until the next commit, which Kafka Streams makes at the end of a
     * processing round; in one round each task of the thread may flush twice (a full batch in {@code process},
     * then its punctuator), and every flush after the first one that sent outputs runs inside the open
     * transaction. So: the commit interval, {@code 2 × tasksPerThread} batches, and {@link #COMMIT_MARGIN}.
     * Kafka Streams' default (10 s) is shorter than one AnoGAN batch: the broker would abort the transaction and
     * the task would redo its batches forever. Capped at the brokers' default maximum (15 min).
     */
    public Duration transactionTimeout(int tasksPerThread) {
        Duration derived = Duration.ofMillis(commitIntervalMs())
                .plus(maxBatchTime.multipliedBy(2L * Math.max(1, tasksPerThread))).plus(COMMIT_MARGIN);
        return derived.compareTo(BROKER_MAX_TRANSACTION_TIMEOUT) > 0 ? BROKER_MAX_TRANSACTION_TIMEOUT : derived;
    }

    /**
     * Kafka's {@code max.poll.interval.ms}: a stream thread polls between its processing rounds, and a round holds
     * up to a transaction's worth of flushes; twice that, and at least Kafka's default (5 min).
     */
    public Duration maxPollInterval(int tasksPerThread) {
        Duration derived = transactionTimeout(tasksPerThread).multipliedBy(2);
        return derived.compareTo(KAFKA_MAX_POLL_INTERVAL) < 0 ? KAFKA_MAX_POLL_INTERVAL : derived;
    }

    /** The most tasks one of {@code numStreamThreads} threads holds when the input topic has {@code partitions}. */
    public int tasksPerThread(int partitions) {
        return Math.max(1, (partitions + numStreamThreads - 1) / numStreamThreads);
    }

    /** The commit interval in force: {@code properties}' {@code commit.interval.ms}, else {@link #COMMIT_INTERVAL_MS}. */
    public long commitIntervalMs() {
        String set = properties.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        return set != null ? Long.parseLong(set.trim()) : COMMIT_INTERVAL_MS;
    }

    /** How the application watches over its stream threads and reports to the probes. */
    public StreamsSupervision supervision() {
        Duration minProgress = maxBatchTime.plusMillis(commitIntervalMs());
        return new StreamsSupervision(maxThreadReplacements, replacementWindow, replacementBackoff,
                maxReplacementBackoff, progressTimeout.compareTo(minProgress) < 0 ? minProgress : progressTimeout,
                brokerCheckTimeout, closeTimeout);
    }

    /** The batch size to use: this one's, else the dynamic batcher's. */
    public int batchSizeOr(int batcherMaxBatchSize) {
        return maxBatchSize != null ? maxBatchSize : batcherMaxBatchSize;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public Optional<String> getBootstrapServers() {
        return Optional.ofNullable(bootstrapServers);
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getProcessingGuarantee() {
        return processingGuarantee;
    }

    public void setProcessingGuarantee(String processingGuarantee) {
        this.processingGuarantee = processingGuarantee;
    }

    public Optional<Integer> getMaxBatchSize() {
        return Optional.ofNullable(maxBatchSize);
    }

    public void setMaxBatchSize(Integer maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public Duration getMaxBatchWait() {
        return maxBatchWait;
    }

    public void setMaxBatchWait(Duration maxBatchWait) {
        this.maxBatchWait = maxBatchWait;
    }

    public Optional<String> getStateDir() {
        return Optional.ofNullable(stateDir);
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public int getNumStreamThreads() {
        return numStreamThreads;
    }

    public void setNumStreamThreads(int numStreamThreads) {
        this.numStreamThreads = numStreamThreads;
    }

    public Optional<String> getInstanceId() {
        return Optional.ofNullable(instanceId).filter(id -> !id.isBlank());
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Optional<Duration> getSessionTimeout() {
        return Optional.ofNullable(sessionTimeout);
    }

    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public Duration getMaxBatchTime() {
        return maxBatchTime;
    }

    public void setMaxBatchTime(Duration maxBatchTime) {
        this.maxBatchTime = maxBatchTime;
    }

    public Duration getProgressTimeout() {
        return progressTimeout;
    }

    public void setProgressTimeout(Duration progressTimeout) {
        this.progressTimeout = progressTimeout;
    }

    public Duration getBrokerCheckTimeout() {
        return brokerCheckTimeout;
    }

    public void setBrokerCheckTimeout(Duration brokerCheckTimeout) {
        this.brokerCheckTimeout = brokerCheckTimeout;
    }

    public int getMaxThreadReplacements() {
        return maxThreadReplacements;
    }

    public void setMaxThreadReplacements(int maxThreadReplacements) {
        this.maxThreadReplacements = maxThreadReplacements;
    }

    public Duration getReplacementWindow() {
        return replacementWindow;
    }

    public void setReplacementWindow(Duration replacementWindow) {
        this.replacementWindow = replacementWindow;
    }

    public Duration getReplacementBackoff() {
        return replacementBackoff;
    }

    public void setReplacementBackoff(Duration replacementBackoff) {
        this.replacementBackoff = replacementBackoff;
    }

    public Duration getMaxReplacementBackoff() {
        return maxReplacementBackoff;
    }

    public void setMaxReplacementBackoff(Duration maxReplacementBackoff) {
        this.maxReplacementBackoff = maxReplacementBackoff;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public int getMaxMetadataBytes() {
        return maxMetadataBytes;
    }

    public void setMaxMetadataBytes(int maxMetadataBytes) {
        this.maxMetadataBytes = maxMetadataBytes;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    /** Kafka names have dots: bind them flat and as written ({@code security.protocol}, not nested maps). */
    public void setProperties(@MapFormat(transformation = MapFormat.MapTransformation.FLAT,
            keyFormat = StringConvention.RAW) Map<String, String> properties) {
        this.properties = properties;
    }
}
