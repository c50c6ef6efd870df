package dev.anogan.stream.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The OpenAPI document's title; micronaut-openapi writes it at compile time, and the service serves it at /openapi. */
@OpenAPIDefinition(info = @Info(title = "anogan-stream", version = "1",
        description = "Scores, alerts and live numbers of the streaming anomaly detector, and scoring on demand"))
public final class ApiDocumentation {

    /** Where the document is served: micronaut-openapi names the file after the title and version above. */
    public static final String PATH = "/openapi/anogan-stream-1.yml";

    private ApiDocumentation() {
    }
}
