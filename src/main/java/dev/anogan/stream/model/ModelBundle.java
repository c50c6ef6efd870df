package dev.anogan.stream.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;

/**
 * A verified bundle with one ONNX Runtime session per graph, shared by all threads
 * ({@link OrtSession#run} is thread-safe). Owns the sessions: {@link #close()} releases them, once,
 * at shutdown; nobody else closes them.
 */
public final class ModelBundle implements AutoCloseable {

    private final String location;
    private final Manifest manifest;
    private final Map<String, OrtSession> sessions;

    ModelBundle(String location, Manifest manifest, Map<String, OrtSession> sessions) {
        this.location = location;
        this.manifest = manifest;
        this.sessions = Map.copyOf(sessions);
    }

    public String location() {
        return location;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The session of a graph file named in the manifest. */
    public OrtSession session(String graph) {
        OrtSession session = sessions.get(graph);
        if (session == null) {
            throw new IllegalArgumentException("bundle " + location + " has no graph " + graph + ": it has " + sessions.keySet());
        }
        return session;
    }

    @Override
    public void close() {
        closeAll(sessions.values());
    }

    static void closeAll(Iterable<OrtSession> sessions) {
        RuntimeException failure = null;
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException | RuntimeException e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing ONNX Runtime sessions", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
