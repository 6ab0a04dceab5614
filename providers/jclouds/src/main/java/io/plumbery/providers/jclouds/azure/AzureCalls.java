package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.Backoff;
import io.plumbery.providers.jclouds.cloud.Retrier;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.jclouds.azurecompute.arm.AzureComputeApi;
import org.jclouds.azurecompute.arm.functions.ParseJobStatus.JobStatus;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;
import org.jclouds.rest.RateLimitExceededException;
import org.jclouds.rest.ResourceNotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every call to Azure Resource Manager goes through here. A call refused for throttling (HTTP 429, 503) or with one
 * of ARM's "try again" codes, or whose connection was lost, is tried again within the {@link Backoff}, after the
 * {@code Retry-After} Azure sends when it sends one (never longer than the backoff's longest wait). ARM's creates are
 * PUTs of a named resource, so a create sent twice makes one. What ARM does after answering is waited on within
 * {@code azure.wait-timeout}: a create until the resource's {@code provisioningState} is {@code Succeeded}, a delete
 * by polling the operation its {@code Location} header names (jclouds' job API) or, where jclouds gives none, until
 * the resource is gone.
 */
final class AzureCalls {

    /** ARM's error codes that mean "later": a conflicting operation still running, a transient fault. */
    private static final Set<String> AGAIN = Set.of("AnotherOperationInProgress", "RetryableError",
            "OperationNotAllowed.InProgress", "InternalServerError", "TooManyRequests");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A read of one resource's state while it is being made, null when it is not there. */
    @FunctionalInterface
    interface State {
        String read() throws Exception;
    }

    private final AzureComputeApi api;
    private final Retrier retrier;
    private final Duration waitTimeout;

    AzureCalls(AzureComputeApi api, Backoff backoff, Duration waitTimeout, Consumer<String> progress) {
        this.api = api;
        this.waitTimeout = waitTimeout;
        this.retrier = new Retrier(AzureProvider.NAME, backoff, progress, AzureCalls::reason, AzureCalls::failure,
                AzureCalls::retryAfter);
    }

    Duration waitTimeout() {
        return waitTimeout;
    }

    /** A read, or a PUT of a named resource (the same when sent twice). */
    <T> T call(String doing, Retrier.Call<T> call) throws ProviderException {
        return retrier.run(doing, call, AzureCalls::passing);
    }

    /** A PUT, then its resource's provisioning waited on until {@code Succeeded}. */
    <T> T create(String doing, Retrier.Call<T> call, State state) throws ProviderException {
        T made = call(doing, call);
        await(doing, state);
        return made;
    }

    /** Polls a resource's provisioning state until it is {@code Succeeded}, within {@code azure.wait-timeout}. */
    void await(String doing, State state) throws ProviderException {
        Instant deadline = Instant.now().plus(waitTimeout);
        for (int poll = 1; ; poll++) {
            String current = call(doing + " (waiting for it)", state::read);
            if ("Succeeded".equalsIgnoreCase(current)) {
                return;
            }
            if (current == null || "Failed".equalsIgnoreCase(current) || "Canceled".equalsIgnoreCase(current)) {
                throw new ProviderException(AzureProvider.NAME + ": " + doing + ": provisioning "
                        + (current == null ? "left nothing" : current), false, null);
            }
            pauseUntil(doing, deadline, poll, "provisioning still " + current);
        }
    }

    /** A delete that answers the operation's URL (202 and {@code Location}), polled until done; gone is done. */
    void deleteAndWait(String doing, Retrier.Call<URI> call) throws ProviderException {
        URI operation = retrier.run(doing, () -> {
            try {
                return call.run();
            } catch (ResourceNotFoundException e) {
                return null;
            }
        }, AzureCalls::passing);
        if (operation == null) {
            return;
        }
        Instant deadline = Instant.now().plus(waitTimeout);
        for (int poll = 1; ; poll++) {
            JobStatus status = call(doing + " (waiting for the operation)", () -> api.getJobApi().jobStatus(operation));
            if (status == JobStatus.DONE || status == JobStatus.NO_CONTENT) {
                return;
            }
            if (status == JobStatus.FAILED) {
                throw new ProviderException(AzureProvider.NAME + ": " + doing + ": the operation failed", false, null);
            }
            pauseUntil(doing, deadline, poll, "operation " + status);
        }
    }

    /** A delete jclouds answers true or false (no operation URL), then waited on until the resource is gone. */
    void deleteUntilGone(String doing, Retrier.Call<Boolean> call, State state) throws ProviderException {
        retrier.run(doing, () -> {
            try {
                return call.run();
            } catch (ResourceNotFoundException e) {
                return false;
            }
        }, AzureCalls::passing);
        Instant deadline = Instant.now().plus(waitTimeout);
        for (int poll = 1; call(doing + " (waiting for it to go)", state::read) != null; poll++) {
            pauseUntil(doing, deadline, poll, "still there");
        }
    }

    /** Waits before poll {@code poll + 1}, or fails when the deadline is past. */
    void pauseUntil(String doing, Instant deadline, int poll, String why) throws ProviderException {
        if (Instant.now().isAfter(deadline)) {
            throw new ProviderException(AzureProvider.NAME + ": " + doing + ": " + why + " after "
                    + waitTimeout.toSeconds() + " s (azure.wait-timeout)", true, null);
        }
        retrier.pause(retrier.backoff().delay(poll));
    }

    private static boolean passing(Throwable cause) {
        return throttled(cause) || cause instanceof IOException || code(cause).filter(AGAIN::contains).isPresent();
    }

    static boolean throttled(Throwable cause) {
        int status = status(cause);
        return status == 429 || status == 503 || cause instanceof RateLimitExceededException;
    }

    /** Azure's {@code Retry-After}, in seconds, on a throttled answer. */
    static Optional<Duration> retryAfter(Throwable cause) {
        return http(cause).map(h -> h.getResponse().getFirstHeaderOrNull("Retry-After")).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static int status(Throwable cause) {
        return http(cause).map(h -> h.getResponse().getStatusCode()).orElse(0);
    }

    /** ARM's {@code error.code}: {@code InvalidParameter}, {@code AnotherOperationInProgress}... */
    private static Optional<String> code(Throwable cause) {
        return error(cause).map(e -> e.path("code").asText("")).filter(c -> !c.isEmpty());
    }

    private static Optional<JsonNode> error(Throwable cause) {
        return http(cause).map(HttpResponseException::getContent).filter(c -> c != null && c.startsWith("{"))
                .flatMap(content -> {
                    try {
                        return Optional.ofNullable(JSON.readTree(content.getBytes(StandardCharsets.UTF_8)).get("error"));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                });
    }

    private static Optional<HttpResponseException> http(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpResponseException h && h.getResponse() != null) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private static ProviderException failure(String doing, Throwable cause, boolean retryable, String tries) {
        if (cause instanceof AuthorizationException || status(cause) == 401 || status(cause) == 403) {
            return new ProviderException(AzureProvider.NAME + ": " + doing + ": credentials refused (" + reason(cause)
                    + "); check the service principal (AZURE_CLIENT_ID, AZURE_TENANT_ID) and its role on "
                    + "the subscription" + tries, false, cause);
        }
        return new ProviderException(AzureProvider.NAME + ": " + doing + ": " + reason(cause) + tries, retryable, cause);
    }

    /** Azure's own words: {@code InvalidParameter: The value of parameter ... is invalid}. */
    static String reason(Throwable cause) {
        Optional<JsonNode> error = error(cause);
        if (error.isPresent()) {
            return error.get().path("code").asText("") + ": " + error.get().path("message").asText("");
        }
        Optional<HttpResponseException> http = http(cause);
        if (http.isPresent()) {
            return "HTTP " + http.get().getResponse().getStatusCode() + " " + http.get().getResponse().getMessage();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
