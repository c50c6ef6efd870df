package dev.anogan.stream.topology;

import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.io.IOException;

/**
 * The benchmark's separate broker: Apache Kafka's KRaft server (the embedded broker's code, a throw-away data
 * folder) in a JVM of its own. Prints {@link #READY} and its bootstrap servers on standard output once it serves
 * clients, and stops when its standard input closes (so it also stops when the benchmark dies). Started by
 * {@link BenchmarkBroker}.
 */
public final class BrokerProcess {

    static final String READY = "bootstrap.servers=";

    private BrokerProcess() {
    }

    public static void main(String[] args) throws IOException {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral())) {
            System.out.println(READY + kafka.bootstrapServers());
            System.out.flush();
            while (System.in.read() != -1) {
                // Nothing is read from the benchmark: its end of the pipe closing is the signal to stop.
            }
        }
    }
}
