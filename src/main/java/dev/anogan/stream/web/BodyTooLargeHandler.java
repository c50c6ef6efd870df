package dev.anogan.stream.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A body over {@code micronaut.server.max-request-size}: 413 with an {@link ApiError} naming the limit's key. */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
final class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ContentLengthExceededException e) {
        HttpStatus status = HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        return HttpResponse.<ApiError>status(status)
                .body(new ApiError(status.getCode(), e.getMessage() + " (micronaut.server.max-request-size)"));
    }
}
