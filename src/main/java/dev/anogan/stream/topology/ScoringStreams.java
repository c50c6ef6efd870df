package dev.anogan.stream.topology;

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

    private ScoringStreams(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Starts the topology. A stream thread that fails (bad data never makes one fail; an unreachable registry
     * can) is replaced, so that the application keeps running.
     */
    public static ScoringStreams start(Topology topology, Properties properties) {
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
        return new ScoringStreams(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
    }
}
