package dev.anogan.stream.web;

import io.micronaut.http.HttpStatus;

/** A request the API refuses, with the status to answer and a message that says what is wrong. */
final class ApiException extends RuntimeException {

    private final HttpStatus status;

    ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
