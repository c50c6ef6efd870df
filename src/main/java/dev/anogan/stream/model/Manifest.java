package dev.anogan.stream.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The parsed {@code manifest.json} of a bundle: the contract between the trainer and the service.
 *
 * @param formatVersion  the bundle format; the service knows {@link ManifestReader#FORMAT_VERSION}
 * @param model          name and version of the model
 * @param input          patch shape and how raw pixels become model input
 * @param latentDim      size of z
 * @param defaultMethod  the method used unless configured otherwise
 * @param methods        the scoring methods the bundle offers, by name
 * @param graphs         every ONNX graph's inputs and outputs, by file name
 * @param files          sha256 and size of every file, by path relative to the bundle
 * @param document       the whole manifest, for the REST API and the dashboard
 */
public record Manifest(
        int formatVersion,
        ModelInfo model,
        InputSpec input,
        int latentDim,
        String defaultMethod,
        Map<String, MethodSpec> methods,
        Map<String, GraphSignature> graphs,
        Map<String, FileEntry> files,
        JsonNode document) {

    /** Name and version of a model. */
    public record ModelInfo(String name, String version) {
    }

    /** The sha256 and size of one bundle file. */
    public record FileEntry(String sha256, long bytes) {
    }

    /** The method of the given name, or a {@link BundleException} listing the offered ones. */
    public MethodSpec method(String name) {
        MethodSpec spec = methods.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("method '" + name + "' is not in model " + model.name()
                    + ": it offers " + methods.keySet());
        }
        return spec;
    }

    /** The labels the model was trained on as normal ({@code training.normal_classes}); empty where it does not say. */
    public List<Integer> normalClasses() {
        JsonNode classes = document.path("training").path("normal_classes");
        if (!classes.isArray()) {
            return List.of();
        }
        return StreamSupport.stream(classes.spliterator(), false).map(JsonNode::asInt).toList();
    }
}
