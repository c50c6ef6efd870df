package dev.anogan.stream;

import dev.anogan.stream.embedded.DemoConfiguration;
import dev.anogan.stream.embedded.DemoImageScanner;
import dev.anogan.stream.embedded.DemoScanner;
import dev.anogan.stream.embedded.EmbeddedCluster;
import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.web.ApiDocumentation;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the user, once the HTTP server is up, where to look: the dashboard, the API, Kafka and the registry. */
@Singleton
class StartupSummary implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final ModelBundle bundle;
    private final Scorer scorer;
    private final TopicsConfiguration topics;
    private final DemoConfiguration demo;
    private final BeanProvider<KafkaEndpoints> cluster;
    private final BeanProvider<EmbeddedCluster> embedded;
    private final BeanProvider<DemoScanner> scanner;
    private final BeanProvider<DemoImageScanner> imageScanner;

    StartupSummary(ModelBundle bundle, Scorer scorer, TopicsConfiguration topics, DemoConfiguration demo,
                   BeanProvider<KafkaEndpoints> cluster, BeanProvider<EmbeddedCluster> embedded,
                   BeanProvider<DemoScanner> scanner, BeanProvider<DemoImageScanner> imageScanner) {
        this.bundle = bundle;
        this.scorer = scorer;
        this.topics = topics;
        this.demo = demo;
        this.cluster = cluster;
        this.embedded = embedded;
        this.scanner = scanner;
        this.imageScanner = imageScanner;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String http = event.getSource().getURL().toString();
        StringBuilder text = new StringBuilder("\n\nanogan-stream is up\n");
        line(text, "dashboard", http + "/");
        line(text, "REST API", http + "/api (OpenAPI: " + http + ApiDocumentation.PATH + ")");
        line(text, "metrics", http + "/prometheus");
        line(text, "health", http + "/health");
        line(text, "model", bundle.manifest().model().name() + " " + bundle.manifest().model().version()
                + ", method " + scorer.method().name());
        Optional<EmbeddedCluster> own = embedded.find(null);
        if (own.isPresent()) {
            line(text, "Kafka", own.get().bootstrapServers() + " (embedded)");
            line(text, "schema registry", own.get().registryUrl() + " (embedded)");
        } else {
            line(text, "Kafka", cluster.find(null).map(KafkaEndpoints::bootstrapServers)
                    .orElse("none (set anogan.streams.bootstrap-servers)"));
        }
        line(text, "topics", topics.getPatches() + " -> " + topics.getScores() + ", " + topics.getAlerts() + ", "
                + topics.getDeadLetters() + ", " + topics.getImageVerdicts());
        if (scanner.find(null).isPresent()) {
            line(text, "demo scanner", demo.getRate() + " patches/s from " + demo.getImages());
        }
        if (imageScanner.find(null).isPresent()) {
            line(text, "demo images", demo.getImageRate() + " images/s from " + demo.getImagesFolder().orElseThrow()
                    + " (the dashboard's images view)");
        }
        text.append("Ctrl-C stops everything.\n");
        LOG.info("{}", text);
    }

    private static void line(StringBuilder text, String what, String where) {
        text.append(String.format("  %-16s %s%n", what, where));
    }
}
