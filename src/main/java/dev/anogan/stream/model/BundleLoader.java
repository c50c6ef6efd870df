package dev.anogan.stream.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.anogan.stream.model.GraphSignature.TensorSpec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a bundle: parses the manifest, checks every file's sha256, opens one ONNX Runtime session
 * per graph and checks each graph's inputs and outputs against the manifest. Either the whole
 * bundle loads or a {@link BundleException} names the file and the problem; no partial model is
 * returned and sessions opened before a failure are closed.
 */
public final class BundleLoader {

    static final String MANIFEST = "manifest.json";

    private final OrtEnvironment environment;
    private final SessionSettings settings;

    public BundleLoader(OrtEnvironment environment, SessionSettings settings) {
        this.environment = environment;
        this.settings = settings;
    }

    /** Loads and verifies the bundle at a location (see {@link BundleFiles#open}); the caller closes it. */
    public ModelBundle load(String location) {
        try (BundleFiles files = BundleFiles.open(location)) {
            Manifest manifest = ManifestReader.read(read(files, MANIFEST), files.describe(MANIFEST));
            Map<String, byte[]> graphs = verifyFiles(files, manifest);
            return new ModelBundle(location, manifest, openSessions(files, manifest, graphs));
        } catch (IOException e) {
            throw new BundleException(location, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The manifest of the bundle at a location, parsed but not verified against the files (no graph is opened):
     * for tools that need only the patch shape.
     */
    public static Manifest readManifest(String location) {
        try (BundleFiles files = BundleFiles.open(location)) {
            return ManifestReader.read(read(files, MANIFEST), files.describe(MANIFEST));
        } catch (IOException e) {
            throw new BundleException(location, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] read(BundleFiles files, String file) {
        try {
            return files.read(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(files.describe(file), "missing", e);
        } catch (IOException e) {
            throw new BundleException(files.describe(file), "unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** Checks every listed file's hash; returns the graphs' bytes (read once, used for the sessions). */
    private static Map<String, byte[]> verifyFiles(BundleFiles files, Manifest manifest) {
        for (String graph : manifest.graphs().keySet()) {
            if (!manifest.files().containsKey(graph)) {
                throw new BundleException(files.describe(MANIFEST), "graph " + graph + " has no sha256 under files");
            }
        }
        for (MethodSpec method : manifest.methods().values()) {
            List<String> used = new ArrayList<>(List.of(method.graph()));
            method.encoderGraph().ifPresent(used::add);
            for (String graph : used) {
                if (!manifest.graphs().containsKey(graph)) {
                    throw new BundleException(files.describe(MANIFEST), "method " + method.name() + " uses graph "
                            + graph + " which is not under graphs");
                }
            }
        }
        Map<String, byte[]> graphs = new LinkedHashMap<>();
        for (Map.Entry<String, Manifest.FileEntry> entry : manifest.files().entrySet()) {
            byte[] bytes = read(files, entry.getKey());
            String actual = sha256(bytes);
            if (!actual.equals(entry.getValue().sha256())) {
                throw new BundleException(files.describe(entry.getKey()), "sha256 " + actual
                        + " does not match the manifest's " + entry.getValue().sha256());
            }
            if (manifest.graphs().containsKey(entry.getKey())) {
                graphs.put(entry.getKey(), bytes);
            }
        }
        return graphs;
    }

    private Map<String, OrtSession> openSessions(BundleFiles files, Manifest manifest, Map<String, byte[]> graphs) {
        Map<String, OrtSession> sessions = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = SessionOptionsFactory.create(settings)) {
            for (Map.Entry<String, byte[]> graph : graphs.entrySet()) {
                OrtSession session = open(files.describe(graph.getKey()), graph.getValue(), options);
                sessions.put(graph.getKey(), session);
                checkSignature(files.describe(graph.getKey()), session, manifest.graphs().get(graph.getKey()));
            }
            return sessions;
        } catch (RuntimeException e) {
            ModelBundle.closeAll(sessions.values());
            throw e;
        }
    }

    private OrtSession open(String file, byte[] bytes, OrtSession.SessionOptions options) {
        try {
            return environment.createSession(bytes, options);
        } catch (OrtException e) {
            throw new BundleException(file, "ONNX Runtime cannot load the graph (" + e.getMessage() + ")", e);
        }
    }

    private static void checkSignature(String file, OrtSession session, GraphSignature expected) {
        try {
            compare(file, "inputs", session.getInputInfo(), expected.inputs());
            compare(file, "outputs", session.getOutputInfo(), expected.outputs());
        } catch (OrtException e) {
            throw new BundleException(file, "cannot read the graph's inputs and outputs (" + e.getMessage() + ")", e);
        }
    }

    private static void compare(String file, String kind, Map<String, NodeInfo> actual, List<TensorSpec> expected) {
        List<TensorSpec> found = new ArrayList<>();
        for (NodeInfo node : actual.values()) {
            found.add(describe(node));
        }
        if (!found.equals(expected)) {
            throw new BundleException(file, kind + " " + found + " differ from the manifest's " + expected);
        }
    }

    private static TensorSpec describe(NodeInfo node) {
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo tensor)) {
            return new TensorSpec(node.getName(), info.toString(), new long[0]);
        }
        long[] shape = tensor.getShape().clone();
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shape[i] < 0 ? -1 : shape[i];
        }
        return new TensorSpec(node.getName(), typeName(tensor.type), shape);
    }

    private static String typeName(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
