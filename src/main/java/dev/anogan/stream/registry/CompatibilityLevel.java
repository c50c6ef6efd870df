package dev.anogan.stream.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility levels, checked with Avro's own {@link SchemaCompatibility}. BACKWARD: the new schema
 * reads data written with the old one (consumers upgrade first); FORWARD: the old schema reads data written with
 * the new one (producers upgrade first); FULL: both. A plain level checks against the latest version, a
 * {@code _TRANSITIVE} one against every version.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Whether the check covers every earlier version rather than the latest one only. */
    public boolean isTransitive() {
        return transitive;
    }

    /**
     * Why {@code candidate} may not follow each of the {@code existing} schemas at this level; empty when it may.
     * Which schemas to pass (the latest, or all when {@link #isTransitive()}) is the caller's choice.
     */
    List<String> incompatibilities(Schema candidate, List<Schema> existing) {
        List<String> problems = new ArrayList<>();
        for (Schema old : existing) {
            if (backward) {
                problems.addAll(describe("BACKWARD", SchemaCompatibility.checkReaderWriterCompatibility(candidate, old)));
            }
            if (forward) {
                problems.addAll(describe("FORWARD", SchemaCompatibility.checkReaderWriterCompatibility(old, candidate)));
            }
        }
        return problems;
    }

    /**
     * The level named {@code text}, in any case.
     *
     * @throws RegistryException 422 with error code 42203 naming the valid levels
     */
    static CompatibilityLevel parse(String text, String url) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RegistryError.INVALID_COMPATIBILITY_LEVEL.exception(url, "Invalid compatibility level '" + text
                    + "'. Valid values are none, backward, forward, full, backward_transitive, forward_transitive,"
                    + " and full_transitive");
        }
    }

    private static List<String> describe(String direction, SchemaPairCompatibility check) {
        return check.getResult().getIncompatibilities().stream()
                .map(i -> direction + ": " + i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .toList();
    }
}
