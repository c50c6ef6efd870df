package dev.anogan.stream.web;

import io.micronaut.core.annotation.Introspected;

/** The body of every refused API request. */
@Introspected
public record ApiError(int status, String message) {
}
