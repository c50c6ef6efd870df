package dev.anogan.stream.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers {@link ScoringBusyException} with 503, Retry-After and an {@link ApiError}. */
@Produces
@Singleton
final class ScoringBusyHandler implements ExceptionHandler<ScoringBusyException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ScoringBusyException e) {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        return HttpResponse.<ApiError>status(status)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(new ApiError(status.getCode(), e.getMessage()));
    }
}
