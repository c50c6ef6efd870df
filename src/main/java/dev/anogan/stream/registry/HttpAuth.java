package dev.anogan.stream.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Values of the HTTP {@code Authorization} header. */
final class HttpAuth {

    private HttpAuth() {
    }

    /** Basic auth from user info {@code user:password}, as Confluent's {@code basic.auth.user.info}. */
    static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
