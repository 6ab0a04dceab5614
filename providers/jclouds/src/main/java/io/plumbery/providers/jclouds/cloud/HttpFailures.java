package io.plumbery.providers.jclouds.cloud;

import java.util.Optional;

import org.jclouds.http.HttpResponseException;

/** The cloud's HTTP answer behind a jclouds failure, wherever jclouds wrapped it. */
public final class HttpFailures {

    private HttpFailures() {
    }

    public static Optional<HttpResponseException> http(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpResponseException h && h.getResponse() != null) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** Its HTTP status, 0 when there was no answer. */
    public static int status(Throwable cause) {
        return http(cause).map(h -> h.getResponse().getStatusCode()).orElse(0);
    }
}
