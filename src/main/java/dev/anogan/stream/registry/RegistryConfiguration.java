package dev.anogan.stream.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a Confluent-compatible schema registry ({@code anogan.registry.*}; env vars such as
 * {@code ANOGAN_REGISTRY_URL}). Build the client with {@link RegistryClient#RegistryClient(RegistryConfiguration)}.
 */
@ConfigurationProperties(RegistryConfiguration.PREFIX)
public class RegistryConfiguration {

    public static final String PREFIX = "anogan.registry";

    /** Base URL of the registry's REST API, e.g. {@code https://registry:8081}; unset: no external registry. */
    private URI url;

    /** Basic auth as {@code user:password} (Confluent's {@code basic.auth.user.info}); exclusive with the token. */
    private String basicAuthUserInfo;

    /** Bearer token sent as {@code Authorization: Bearer <token>}; exclusive with basic auth. */
    private String bearerToken;

    /** Truststore with the CAs that sign the registry's certificate; unset: the JVM's default trust. */
    private String truststorePath;

    /** Password of the truststore; unset: none. */
    private String truststorePassword;

    /** Type of the truststore ({@code PKCS12}, {@code JKS}). */
    @NotBlank
    private String truststoreType = "PKCS12";

    /** Attempts per request, the first included; connection errors, 429 and 5xx are retried, other 4xx are not. */
    @Min(1)
    private int maxAttempts = 4;

    /** Wait before the first retry; doubled before each further one. */
    @NotNull
    private Duration initialBackoff = Duration.ofMillis(100);

    /** Longest wait for the connection, and then for the response, of one attempt. */
    @NotNull
    private Duration requestTimeout = Duration.ofSeconds(10);

    public Optional<URI> getUrl() {
        return Optional.ofNullable(url);
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    public Optional<String> getBasicAuthUserInfo() {
        return Optional.ofNullable(basicAuthUserInfo);
    }

    public void setBasicAuthUserInfo(String basicAuthUserInfo) {
        this.basicAuthUserInfo = basicAuthUserInfo;
    }

    public Optional<String> getBearerToken() {
        return Optional.ofNullable(bearerToken);
    }

    public void setBearerToken(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    public Optional<String> getTruststorePath() {
        return Optional.ofNullable(truststorePath);
    }

    public void setTruststorePath(String truststorePath) {
        this.truststorePath = truststorePath;
    }

    public Optional<String> getTruststorePassword() {
        return Optional.ofNullable(truststorePassword);
    }

    public void setTruststorePassword(String truststorePassword) {
        this.truststorePassword = truststorePassword;
    }

    public String getTruststoreType() {
        return truststoreType;
    }

    public void setTruststoreType(String truststoreType) {
        this.truststoreType = truststoreType;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
