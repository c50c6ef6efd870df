package dev.anogan.stream.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * values.schema.json and values.yaml describe the same values: every closed object of the schema lists exactly the
 * keys of values.yaml (no value without a schema, no schema entry without a default), and every value has a
 * documentation comment.
 */
class ValuesSchemaMatchesValuesTest {

    /** Schema objects that are open maps in values.yaml, or whose sub-keys are Kubernetes' (not ours). */
    private static final Set<String> FREE = Set.of("global", "resources");

    @Test
    @SuppressWarnings("unchecked")
    void everyClosedSchemaObjectListsExactlyTheKeysOfValuesYaml() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(RenderedChart.CHART.resolve("values.schema.json").toFile());
        Map<String, Object> values = new Yaml().load(Files.readString(RenderedChart.CHART.resolve("values.yaml")));
        List<String> problems = new ArrayList<>();
        compare("", schema, values, problems);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @SuppressWarnings("unchecked")
    private static void compare(String path, JsonNode schema, Map<String, Object> values, List<String> problems) {
        JsonNode properties = schema.get("properties");
        if (properties == null || !schema.path("additionalProperties").isBoolean()
                || schema.get("additionalProperties").asBoolean()) {
            return;
        }
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!values.containsKey(name) && !FREE.contains(name)) {
                problems.add("schema has " + path + name + ", values.yaml does not");
            }
        }
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            JsonNode child = properties.get(entry.getKey());
            if (child == null) {
                problems.add("values.yaml has " + path + entry.getKey() + ", the schema does not");
            } else if (!child.has("description")) {
                problems.add("schema entry " + path + entry.getKey() + " has no description");
            } else if (entry.getValue() instanceof Map && !FREE.contains(entry.getKey())) {
                compare(path + entry.getKey() + ".", child, (Map<String, Object>) entry.getValue(), problems);
            }
        }
    }

    @Test
    void everyLeafValueHasADocumentationCommentWithItsDefaultAndAnExample() throws IOException {
        List<String> lines = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // a key with a value on its line; a leaf inside a block documented as a whole (e.g. securityContext) counts
            if (line.matches("^\\s*(- )?[A-Za-z][A-Za-z0-9]*: .+") && !documented(lines, i)) {
                undocumented.add((i + 1) + ": " + line.trim());
            }
        }
        assertEquals(List.of(), undocumented, "values without a comment giving the default and an example");
    }

    private static boolean documented(List<String> lines, int i) {
        StringBuilder comment = new StringBuilder();
        for (int j = i - 1; j >= 0 && lines.get(j).trim().startsWith("#"); j--) {
            comment.insert(0, lines.get(j));
        }
        if (comment.toString().contains("Default") && comment.toString().contains("Example")) {
            return true;
        }
        int indent = indent(lines.get(i));
        for (int j = i - 1; j >= 0; j--) {
            String previous = lines.get(j);
            if (!previous.isBlank() && !previous.trim().startsWith("#") && indent(previous) < indent) {
                return documented(lines, j);
            }
        }
        return false;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '-')) {
            n++;
        }
        return n;
    }
}
