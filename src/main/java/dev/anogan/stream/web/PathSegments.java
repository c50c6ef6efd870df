package dev.anogan.stream.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Ids (of patches, images) as one segment of an API address. */
final class PathSegments {

    private PathSegments() {
    }

    /** {@code id} percent-encoded so that it stays one path segment ("/" too; a space as %20). */
    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
