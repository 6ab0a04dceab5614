package io.plumbery.providers.jclouds.openstack;

import static io.plumbery.providers.jclouds.cloud.HttpFailures.http;
import static io.plumbery.providers.jclouds.cloud.HttpFailures.status;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.cloud.Backoff;
import io.plumbery.providers.jclouds.cloud.Retrier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every call to Nova and Neutron goes through here: tried again within the {@link Backoff} while the cloud throttles
 * (HTTP 429, 503, and Nova's 413 {@code overLimit}), and turned into a {@link ProviderException} that names what was
 * being done, to which resource, and the cloud's own error ({@code NeutronError}'s type and message, Nova's fault).
 * Neither API makes its creates idempotent: a create is tried again only when refused for throttling, never after a
 * lost answer (the resumed build finds what it made by name or metadata instead).
 */
final class OpenStackCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Retrier retrier;

    OpenStackCalls(Backoff backoff, Consumer<String> progress) {
        this.retrier = new Retrier(OpenStackProvider.NAME, backoff, progress, OpenStackCalls::reason,
                OpenStackCalls::failure);
    }

    Retrier retrier() {
        return retrier;
    }

    /** A read, or a change that is the same when sent twice. */
    <T> T read(String doing, Retrier.Call<T> call) throws ProviderException {
        return retrier.run(doing, call, cause -> throttled(cause) || cause instanceof IOException);
    }

    /** A create: tried again only when throttled. */
    <T> T create(String doing, Retrier.Call<T> call) throws ProviderException {
        return retrier.run(doing, call, OpenStackCalls::throttled);
    }

    /** A delete: a resource still in use (409) while what held it goes away is tried again, within the same bounds. */
    <T> T remove(String doing, Retrier.Call<T> call) throws ProviderException {
        return retrier.run(doing, call, cause -> throttled(cause) || cause instanceof IOException || status(cause) == 409);
    }

    static boolean throttled(Throwable cause) {
        int status = status(cause);
        return status == 429 || status == 503 || status == 413;
    }



    private static ProviderException failure(String doing, Throwable cause, boolean retryable, String tries) {
        if (cause instanceof AuthorizationException || status(cause) == 401) {
            return new ProviderException("openstack: " + doing + ": credentials refused (" + reason(cause)
                    + "); check OS_CLOUD and clouds.yaml, or the OS_* variables" + tries, false, cause);
        }
        return new ProviderException("openstack: " + doing + ": " + reason(cause) + tries, retryable, cause);
    }

    /**
     * The cloud's own words: Neutron's {@code {"NeutronError": {"type": "IpAddressInUse", "message": "..."}}}, Nova's
     * {@code {"badRequest": {"code": 400, "message": "..."}}}, else the HTTP status.
     */
    static String reason(Throwable cause) {
        Optional<HttpResponseException> http = http(cause);
        if (http.isPresent()) {
            Optional<String> words = words(http.get().getContent());
            String status = "HTTP " + http.get().getResponse().getStatusCode();
            return words.map(w -> status + " " + w).orElse(status + " " + http.get().getResponse().getMessage());
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static Optional<String> words(String content) {
        if (content == null || !content.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(content.getBytes(StandardCharsets.UTF_8));
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> fault = it.next();
                JsonNode message = fault.getValue().get("message");
                if (message != null) {
                    String type = fault.getValue().path("type").asText(fault.getKey());
                    return Optional.of(type + ": " + message.asText());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
