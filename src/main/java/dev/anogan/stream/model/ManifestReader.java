package dev.anogan.stream.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anogan.stream.model.GraphSignature.TensorSpec;
import dev.anogan.stream.model.Manifest.FileEntry;
import dev.anogan.stream.model.Manifest.ModelInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Parses {@code manifest.json}; every missing or mistyped field is reported with its key path. */
public final class ManifestReader {

    /** The bundle format this service reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    /** Jackson nodes do not know their key path; kept here for error messages. */
    private final Map<JsonNode, String> paths = new IdentityHashMap<>();

    private ManifestReader(String file) {
        this.file = file;
    }

    /**
     * Parses a manifest.
     *
     * @param bytes the file's content
     * @param file  how to name the file in errors
     * @throws BundleException if it is not JSON, has an unknown format version or lacks a field
     */
    public static Manifest read(byte[] bytes, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BundleException(file, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (java.io.IOException e) {
            throw new BundleException(file, "unreadable (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new BundleException(file, "not a JSON object");
        }
        return new ManifestReader(file).manifest(root);
    }

    private Manifest manifest(JsonNode root) {
        int version = integer(root, "format_version");
        if (version != FORMAT_VERSION) {
            throw new BundleException(file, "format_version " + version + " is unknown: this service reads "
                    + FORMAT_VERSION);
        }
        JsonNode model = object(root, "model");
        Map<String, MethodSpec> methods = map(object(root, "methods"), "methods", this::method);
        String defaultMethod = text(root, "default_method");
        if (!methods.containsKey(defaultMethod)) {
            throw new BundleException(file, "default_method '" + defaultMethod + "' is not among methods " + methods.keySet());
        }
        return new Manifest(version,
                new ModelInfo(text(model, "name"), text(model, "version")),
                input(object(root, "input")),
                integer(root, "latent_dim"),
                defaultMethod,
                methods,
                map(object(root, "graphs"), "graphs", this::signature),
                map(object(root, "files"), "files", f -> new FileEntry(text(f, "sha256"), integer(f, "bytes"))),
                root);
    }

    private InputSpec input(JsonNode input) {
        JsonNode mapping = object(input, "pixel_mapping");
        JsonNode pad = object(mapping, "pad");
        Map<String, Double> encodingMax = map(object(mapping, "encoding_max"), "input.pixel_mapping.encoding_max",
                n -> n.asDouble());
        for (String encoding : List.of("uint8", "uint16", "float32")) {
            if (!encodingMax.containsKey(encoding)) {
                throw new BundleException(file, "missing key input.pixel_mapping.encoding_max." + encoding);
            }
        }
        return new InputSpec(integer(input, "channels"), integer(input, "height"), integer(input, "width"),
                integer(input, "model_height"), integer(input, "model_width"),
                number(mapping, "scale"), number(mapping, "offset"), encodingMax,
                integer(pad, "top"), integer(pad, "left"), (float) number(pad, "value"));
    }

    private MethodSpec method(JsonNode method) {
        JsonNode hp = object(method, "hyperparameters");
        int steps = hp.has("steps") ? integer(hp, "steps") : 0;
        Map<Integer, Calibration> calibrations = new TreeMap<>();
        JsonNode bySteps = method.get("calibrations");
        if (bySteps != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = bySteps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                int count;
                try {
                    count = Integer.parseInt(entry.getKey());
                } catch (NumberFormatException e) {
                    throw new BundleException(file, path(bySteps) + ": key " + entry.getKey() + " is not a step count");
                }
                calibrations.put(count, calibration(entry.getValue()));
            }
        }
        calibrations.putIfAbsent(steps, calibration(object(method, "calibration")));
        return new MethodSpec(pathName(method), text(method, "graph"),
                Optional.ofNullable(method.get("encoder_graph")).map(JsonNode::asText),
                text(method, "score_output"), steps, calibrations, hp,
                method.has("image_calibration") ? Optional.of(imageCalibration(object(method, "image_calibration")))
                        : Optional.empty());
    }

    private ImageCalibration imageCalibration(JsonNode cal) {
        String name = text(cal, "aggregation");
        ImageAggregation aggregation = ImageAggregation.of(name).orElseThrow(() -> new BundleException(file,
                "key " + path(cal) + ".aggregation is '" + name + "'; expected one of "
                        + Arrays.stream(ImageAggregation.values()).map(ImageAggregation::manifestName).toList()));
        return new ImageCalibration(aggregation, number(cal, "threshold"), number(cal, "false_positive_rate"),
                integer(cal, "images"));
    }

    private Calibration calibration(JsonNode cal) {
        JsonNode table = require(cal, "percentiles");
        double[] percentiles = new double[table.size()];
        for (int i = 0; i < percentiles.length; i++) {
            percentiles[i] = table.get(i).asDouble();
        }
        try {
            return new Calibration(number(cal, "threshold"), number(cal, "false_positive_rate"),
                    integer(cal, "patches"), percentiles);
        } catch (IllegalArgumentException e) {
            throw new BundleException(file, "calibration of " + path(cal) + ": " + e.getMessage(), e);
        }
    }

    private GraphSignature signature(JsonNode graph) {
        return new GraphSignature(tensors(require(graph, "inputs")), tensors(require(graph, "outputs")));
    }

    private List<TensorSpec> tensors(JsonNode array) {
        List<TensorSpec> out = new ArrayList<>();
        for (JsonNode t : array) {
            JsonNode shape = require(t, "shape");
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).isNumber() ? shape.get(i).asLong() : -1;
            }
            out.add(new TensorSpec(text(t, "name"), text(t, "type"), dims));
        }
        return out;
    }

    private String path(JsonNode node) {
        return paths.getOrDefault(node, "the manifest");
    }

    private String pathName(JsonNode node) {
        String p = path(node);
        return p.substring(p.lastIndexOf('.') + 1);
    }

    private JsonNode require(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        String where = paths.containsKey(parent) ? paths.get(parent) + "." + key : key;
        if (node == null || node.isNull()) {
            throw new BundleException(file, "missing key " + where);
        }
        paths.put(node, where);
        return node;
    }

    private JsonNode object(JsonNode parent, String key) {
        JsonNode node = require(parent, key);
        if (!node.isObject()) {
            throw new BundleException(file, "key " + path(node) + " must be an object");
        }
        return node;
    }

    private String text(JsonNode parent, String key) {
        JsonNode node = require(parent, key);
        if (!node.isTextual()) {
            throw new BundleException(file, "key " + path(node) + " must be a string");
        }
        return node.asText();
    }

    private double number(JsonNode parent, String key) {
        JsonNode node = require(parent, key);
        if (!node.isNumber()) {
            throw new BundleException(file, "key " + path(node) + " must be a number");
        }
        return node.asDouble();
    }

    private int integer(JsonNode parent, String key) {
        JsonNode node = require(parent, key);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new BundleException(file, "key " + path(node) + " must be an integer");
        }
        return node.asInt();
    }

    private <T> Map<String, T> map(JsonNode object, String where, Function<JsonNode, T> parse) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            paths.put(e.getValue(), where + "." + e.getKey());
            out.put(e.getKey(), parse.apply(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }
}
