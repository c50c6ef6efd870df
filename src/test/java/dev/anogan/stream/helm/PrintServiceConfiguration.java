package dev.anogan.stream.helm;

import dev.anogan.stream.images.ImagesConfiguration;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.RegistryConfiguration;
import io.micronaut.context.ApplicationContext;

import java.util.Map;
import java.util.TreeMap;

/**
 * Run in a child JVM by {@link ChartConfigurationReachesTheServiceTest}: starts the service's application context
 * with the environment a pod of the chart gets and prints what the service bound, one {@code key=value} a line.
 */
public final class PrintServiceConfiguration {

    private PrintServiceConfiguration() {
    }

    public static void main(String[] args) {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            StreamsConfiguration streams = ctx.getBean(StreamsConfiguration.class);
            RegistryConfiguration registry = ctx.getBean(RegistryConfiguration.class);
            ImagesConfiguration images = ctx.getBean(ImagesConfiguration.class);
            TopicsConfiguration topics = ctx.getBean(TopicsConfiguration.class);
            Map<String, String> out = new TreeMap<>();
            streams.getProperties().forEach((k, v) -> out.put("streams.properties." + k, v));
            out.put("streams.application-id", streams.getApplicationId());
            out.put("streams.num-stream-threads", String.valueOf(streams.getNumStreamThreads()));
            out.put("streams.state-dir", streams.getStateDir().orElse(""));
            out.put("registry.url", registry.getUrl().map(String::valueOf).orElse(""));
            out.put("registry.basic-auth-user-info", registry.getBasicAuthUserInfo().orElse(""));
            out.put("registry.truststore-path", registry.getTruststorePath().orElse(""));
            out.put("registry.truststore-password", registry.getTruststorePassword().orElse(""));
            out.put("registry.truststore-type", registry.getTruststoreType());
            out.put("images.timeout", String.valueOf(images.getTimeout()));
            out.put("images.max-open-images", String.valueOf(images.getMaxOpenImages()));
            out.put("topics.image-verdicts", topics.getImageVerdicts());
            out.forEach((k, v) -> System.out.println("BOUND " + k + "=" + v));
        }
    }
}
