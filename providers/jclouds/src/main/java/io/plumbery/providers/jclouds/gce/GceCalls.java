package io.plumbery.providers.jclouds.gce;

import static io.plumbery.providers.jclouds.cloud.HttpFailures.http;
import static io.plumbery.providers.jclouds.cloud.HttpFailures.status;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.Backoff;
import io.plumbery.providers.jclouds.cloud.Retrier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jclouds.googlecomputeengine.GoogleComputeEngineApi;
import org.jclouds.googlecomputeengine.domain.Operation;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every call to GCE goes through here. A call refused for throttling ({@code rateLimitExceeded},
 * {@code userRateLimitExceeded}, HTTP 429 and 503, {@code backendError}) or whose connection was lost is tried again
 * within the {@link Backoff}: GCE names every resource, so a create sent twice cannot make two (the second is refused
 * {@code alreadyExists}, which is taken as made). A call that answers an {@link Operation} is then waited on, polling
 * it with the same doubling waits, no longer than {@code gce.wait-timeout}; an operation that ends with errors fails
 * with GCE's codes and messages. Failures name what was being done and to which resource.
 */
final class GceCalls {

    /** GCE's reasons for "slow down" and "try again", whatever the HTTP status. */
    private static final Set<String> THROTTLED = Set.of("rateLimitExceeded", "userRateLimitExceeded", "backendError",
            "internalError");
    private static final String EXISTS = "alreadyExists";
    private static final String IN_USE = "resourceInUseByAnotherResource";
    private static final String IN_USE_OPERATION = "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleComputeEngineApi api;
    private final Retrier retrier;
    private final Duration waitTimeout;

    GceCalls(GoogleComputeEngineApi api, Backoff backoff, Duration waitTimeout, Consumer<String> progress) {
        this.api = api;
        this.waitTimeout = waitTimeout;
        this.retrier = new Retrier(GceProvider.NAME, backoff, progress, GceCalls::reason, GceCalls::failure);
    }

    /** A read, or a change that is the same when sent twice. */
    <T> T read(String doing, Retrier.Call<T> call) throws ProviderException {
        return retrier.run(doing, call, GceCalls::passing);
    }

    /** A create, waited on; one that GCE says exists already (a second try after a lost answer) counts as made. */
    void create(String doing, Retrier.Call<Operation> call) throws ProviderException {
        Operation operation = retrier.run(doing, () -> {
            try {
                return call.run();
            } catch (Exception e) {
                if (reasons(e).contains(EXISTS)) {
                    return null;
                }
                throw e;
            }
        }, GceCalls::passing);
        await(doing, operation);
    }

    /** A change to a resource that exists (start, stop, attach), waited on. */
    void change(String doing, Retrier.Call<Operation> call) throws ProviderException {
        await(doing, retrier.run(doing, call, GceCalls::passing));
    }

    /**
     * A delete, waited on; what is gone already is done (jclouds answers null for a 404), and a resource still held
     * by one going away ({@code resourceInUseByAnotherResource} as an HTTP error,
     * {@code RESOURCE_IN_USE_BY_ANOTHER_RESOURCE} as an operation's) is tried again.
     */
    void delete(String doing, Retrier.Call<Operation> call) throws ProviderException {
        Predicate<Throwable> again = cause -> passing(cause) || reasons(cause).contains(IN_USE);
        for (int attempt = 1; ; attempt++) {
            Operation operation = retrier.run(doing, call, again);
            try {
                await(doing, operation);
                return;
            } catch (OperationFailed e) {
                if (!e.reasons().contains(IN_USE_OPERATION) || attempt >= retrier.backoff().attempts()) {
                    throw e;
                }
                retrier.pause(retrier.backoff().delay(attempt));
            }
        }
    }

    /** Polls an operation until GCE says it is DONE, within {@code gce.wait-timeout}. */
    private void await(String doing, Operation operation) throws ProviderException {
        if (operation == null) {
            return;
        }
        Instant deadline = Instant.now().plus(waitTimeout);
        Operation current = operation;
        for (int poll = 1; current.status() != Operation.Status.DONE; poll++) {
            if (Instant.now().isAfter(deadline)) {
                throw new ProviderException(GceProvider.NAME + ": " + doing + ": operation " + current.name()
                        + " not done after " + waitTimeout.toSeconds() + " s (gce.wait-timeout)", true, null);
            }
            retrier.pause(retrier.backoff().delay(poll));
            Operation polled = current;
            current = read(doing + " (waiting for operation " + polled.name() + ")",
                    () -> api.operations().get(polled.selfLink()));
            if (current == null) {
                throw new ProviderException(GceProvider.NAME + ": " + doing + ": operation " + polled.name()
                        + " vanished", true, null);
            }
        }
        if (current.error() != null && !current.error().errors().isEmpty()) {
            List<Operation.Error.Entry> errors = current.error().errors();
            String words = String.join("; ", errors.stream().map(e -> e.code() + ": " + e.message()).toList());
            throw new OperationFailed(errors.stream().map(Operation.Error.Entry::code).toList(),
                    GceProvider.NAME + ": " + doing + ": " + words);
        }
    }

    /** An operation that ended with errors, with their codes, so that a delete can tell "still in use" apart. */
    private static final class OperationFailed extends ProviderException {
        private final transient List<String> reasons;

        OperationFailed(List<String> reasons, String message) {
            super(message, false, null);
            this.reasons = List.copyOf(reasons);
        }

        List<String> reasons() {
            return reasons;
        }
    }

    private static boolean passing(Throwable cause) {
        return throttled(cause) || cause instanceof IOException;
    }

    static boolean throttled(Throwable cause) {
        int status = status(cause);
        return status == 429 || status == 503 || reasons(cause).stream().anyMatch(THROTTLED::contains);
    }


    /** GCE's error document's reasons ({@code alreadyExists}, {@code rateLimitExceeded}...), empty when there is none. */
    private static List<String> reasons(Throwable cause) {
        return error(cause).map(e -> e.path("errors").findValuesAsText("reason")).orElse(List.of());
    }

    /** GCE's {@code error} object, wherever jclouds put the response (it wraps some in other exceptions). */
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


    private static ProviderException failure(String doing, Throwable cause, boolean retryable, String tries) {
        // GCE answers rate limits 403 too, which jclouds takes for an authorization failure
        if (!throttled(cause) && (cause instanceof AuthorizationException || status(cause) == 401)) {
            return new ProviderException(GceProvider.NAME + ": " + doing + ": credentials refused (" + reason(cause)
                    + "); check GOOGLE_APPLICATION_CREDENTIALS and the service account's roles" + tries, false, cause);
        }
        return new ProviderException(GceProvider.NAME + ": " + doing + ": " + reason(cause) + tries, retryable, cause);
    }

    /** GCE's own words: {@code alreadyExists: The resource '...' already exists}. */
    static String reason(Throwable cause) {
        Optional<JsonNode> error = error(cause);
        if (error.isPresent()) {
            List<String> reasons = error.get().path("errors").findValuesAsText("reason");
            String message = error.get().path("message").asText("");
            return (reasons.isEmpty() ? "HTTP " + error.get().path("code").asText("") : reasons.get(0)) + ": " + message;
        }
        Optional<HttpResponseException> http = http(cause);
        if (http.isPresent()) {
            return "HTTP " + http.get().getResponse().getStatusCode() + " " + http.get().getResponse().getMessage();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
