package dev.anogan.stream.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running scoring application: owns its {@link KafkaStreams} and closes it in {@link #close()}. Whatever the
 * topology uses (registry, batcher, model) must be closed after this.
 */
public final class ScoringStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;

    private ScoringStreams(KafkaStreams streams, KafkaStreamsMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    /**
     * Starts the topology, publishing the metrics of Kafka Streams and its clients in {@code registry} (records
     * consumed and produced per topic, consumer lag, commit and process latencies) while it runs. A stream thread
     * that fails (bad data never makes one fail; an unreachable registry can) is replaced, so that the application
     * keeps running.
     */
    public static ScoringStreams start(Topology topology, Properties properties, MeterRegistry registry) {
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("A stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        try {
            streams.start();
        } catch (RuntimeException e) {
            streams.close(CLOSE_TIMEOUT);
            throw e;
        }
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        return new ScoringStreams(streams, metrics);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Stops the stream threads; each finishes and commits the batch in hand first. */
    @Override
    public void close() {
        long start = System.nanoTime();
        metrics.close();
        boolean stopped = streams.close(CLOSE_TIMEOUT);
        LOG.info("Kafka Streams {} in {} ms", stopped ? "stopped" : "did not stop", (System.nanoTime() - start) / 1_000_000);
    }
}
