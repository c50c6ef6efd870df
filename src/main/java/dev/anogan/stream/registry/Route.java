package dev.anogan.stream.registry;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One resource and method of the REST API: a path pattern, whose {@code *} segments match any one segment, and
 * what answers it (an object written as JSON).
 */
record Route(String method, List<String> pattern, Function<RegistryRequest, Object> action) {

    static Route of(String method, String pattern, Function<RegistryRequest, Object> action) {
        return new Route(method, Arrays.stream(pattern.split("/")).filter(s -> !s.isEmpty()).toList(), action);
    }

    boolean matches(List<String> path) {
        if (path.size() != pattern.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            if (!pattern.get(i).equals("*") && !pattern.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }
}
