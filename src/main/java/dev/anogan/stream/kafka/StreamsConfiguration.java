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

    /** Kafka Streams {@code application.id}: the consumer group and the prefix of internal topics. */
    @NotBlank
    private String applicationId = "anogan-stream";

    /** Kafka {@code bootstrap.servers}; unset: no streams application. */
    private String bootstrapServers;

    /** {@code exactly_once_v2} or {@code at_least_once}. */
    @NotBlank
    private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;

    /** Valid patches buffered per task before they are scored together; unset: {@code anogan.batching.max-batch-size}. */
    @Min(1)
    private Integer maxBatchSize;

    /**
     * Longest a buffered patch waits for its batch to fill (the wall-clock punctuation interval). Under light load
     * batches never fill, so this adds to every patch's latency; the shared batcher still merges the part batches
     * of all tasks into one model call.
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

    /** Further Kafka Streams, producer and consumer settings by their Kafka names; they win over the ones above. */
    @NotNull
    private Map<String, String> properties = new HashMap<>();

    /** The Kafka Streams properties of these settings. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        getBootstrapServers().ifPresent(servers -> props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        getStateDir().ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir));
        props.putAll(properties);
        return props;
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

    public Map<String, String> getProperties() {
        return properties;
    }

    /** Kafka names have dots: bind them flat and as written ({@code security.protocol}, not nested maps). */
    public void setProperties(@MapFormat(transformation = MapFormat.MapTransformation.FLAT,
            keyFormat = StringConvention.RAW) Map<String, String> properties) {
        this.properties = properties;
    }
}
