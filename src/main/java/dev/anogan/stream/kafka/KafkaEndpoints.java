package dev.anogan.stream.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka cluster the service talks to: its bootstrap servers and the client settings every client of the
 * service shares (security protocol, SASL, TLS, ...). Comes from configuration ({@code anogan.streams.*}) or from
 * the embedded broker.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param clientSettings   further settings by their Kafka names; each client takes the ones it knows
 */
public record KafkaEndpoints(String bootstrapServers, Map<String, String> clientSettings) {

    public KafkaEndpoints {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientSettings = Map.copyOf(clientSettings);
    }

    /** Settings for a plain consumer: the shared ones a consumer knows, and the bootstrap servers. */
    public Properties consumerProperties() {
        return known(ConsumerConfig.configNames());
    }

    /** Settings for a plain producer: the shared ones a producer knows, and the bootstrap servers. */
    public Properties producerProperties() {
        return known(ProducerConfig.configNames());
    }

    /** Settings for an admin client: the shared ones it knows, and the bootstrap servers. */
    public Properties adminProperties() {
        return known(AdminClientConfig.configNames());
    }

    private Properties known(Set<String> names) {
        Properties props = new Properties();
        clientSettings.forEach((key, value) -> {
            if (names.contains(key)) {
                props.put(key, value);
            }
        });
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
