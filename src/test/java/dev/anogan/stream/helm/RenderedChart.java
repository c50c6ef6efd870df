package dev.anogan.stream.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chart rendered by {@code helm template} (helm-java: Helm as a library) and parsed with SnakeYAML. Renders are
 * cached per values file: the tests only read them.
 */
final class RenderedChart {

    /** The chart, relative to the project root (Maven runs the tests there). */
    static final Path CHART = Path.of("helm", "anogan-stream");
    /** The production-like values of the tests. */
    static final Path PRODUCTION_VALUES = Path.of("src", "test", "resources", "helm", "production-values.yaml");
    static final String RELEASE = "scanner";
    /** Helm renders for Kubernetes 1.20 unless told; the chart needs 1.25 or newer (Chart.yaml kubeVersion). */
    static final String KUBE_VERSION = "1.30.0";

    /** The values the chart refuses to render without: a Kafka cluster and its schema registry. */
    static final Map<String, Object> REQUIRED = Map.of(
            "streams.bootstrapServers", "kafka-0.kafka:9092",
            "registry.url", "http://schema-registry.kafka:8081");

    private static final Map<String, RenderedChart> CACHE = new ConcurrentHashMap<>();

    private final List<Map<String, Object>> documents;

    private RenderedChart(List<Map<String, Object>> documents) {
        this.documents = documents;
    }

    /** The chart's defaults plus the {@link #REQUIRED} values. */
    static RenderedChart withDefaults() {
        return CACHE.computeIfAbsent("", k -> withSettings(Map.of()));
    }

    static RenderedChart withProductionValues() {
        return CACHE.computeIfAbsent(PRODUCTION_VALUES.toString(), k -> parse(template(PRODUCTION_VALUES)));
    }

    /** {@code helm template} with a values file (or the chart's defaults with {@code null}); throws on refusal. */
    static String template(Path valuesFile) {
        if (!Files.isDirectory(CHART)) {
            throw new IllegalStateException("chart not found at " + CHART.toAbsolutePath());
        }
        TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace("vision")
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        return command.call();
    }

    /** {@code helm template --set key=value ...} on the chart's defaults and the {@link #REQUIRED} values, parsed. */
    static RenderedChart withSettings(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(REQUIRED);
        all.putAll(settings);
        return parse(templateWith(all));
    }

    /** {@code helm template --set key=value ...} on the chart's defaults alone; throws on refusal. */
    static String templateWith(Map<String, Object> settings) {
        TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace("vision")
                .withKubeVersion(KUBE_VERSION);
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            command = command.set(setting.getKey(), setting.getValue());
        }
        return command.call();
    }

    @SuppressWarnings("unchecked")
    private static RenderedChart parse(String manifests) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(manifests)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return new RenderedChart(documents);
    }

    List<Map<String, Object>> documents() {
        return documents;
    }

    Optional<Map<String, Object>> find(String kind, String nameSuffix) {
        return documents.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .filter(d -> String.valueOf(map(d, "metadata").get("name")).endsWith(nameSuffix))
                .findFirst();
    }

    Map<String, Object> get(String kind, String nameSuffix) {
        return find(kind, nameSuffix).orElseThrow(
                () -> new AssertionError("no " + kind + " named *" + nameSuffix + " rendered"));
    }

    Map<String, Object> deployment() {
        return get("Deployment", "anogan-stream");
    }

    Map<String, Object> podSpec() {
        return map(map(map(deployment(), "spec"), "template"), "spec");
    }

    Map<String, Object> container() {
        return list(podSpec(), "containers").stream()
                .filter(c -> "anogan-stream".equals(c.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no container anogan-stream"));
    }

    /** The env-from ConfigMap's data: the service settings the pod receives as environment variables. */
    Map<String, Object> environmentConfigMap() {
        return map(get("ConfigMap", "-env"), "data");
    }

    /** The environment variables set one by one on the service container. */
    List<Map<String, Object>> containerEnv() {
        return list(container(), "env");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a map at '" + key + "', got " + value + " in " + parent);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list at '" + key + "', got " + value);
        }
        return (List<Map<String, Object>>) value;
    }
}
