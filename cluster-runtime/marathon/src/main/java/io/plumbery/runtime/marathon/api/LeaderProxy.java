package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.http.Tls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Forwards an API call from a non-leader to the leading Marathon and relays its answer; the caller's
 * {@code Authorization} goes along, for the leader asks for the same credentials.
 */
final class LeaderProxy {
    static final String VIA = "X-Marathon-Via";
    private static final String AUTHORIZATION = "Authorization";
    private final Tls tls = Tls.forProcess();
    private final HttpClient http = tls.client().connectTimeout(Duration.ofSeconds(3)).build();

    void forward(HttpCall call, String leader) throws Exception {
        String body = call.body();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tls.url(leader) + call.pathAndQuery()))
                .timeout(Duration.ofSeconds(30)).header(VIA, "proxy")
                .method(call.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        copy(call, b, "Content-Type");
        copy(call, b, AUTHORIZATION);
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            call.message(503, "Leader " + leader + " could not be reached: " + e);
            return;
        }
        r.headers().firstValue("Location").ifPresent(v -> call.header("Location", v));
        r.headers().firstValue("Marathon-Deployment-Id").ifPresent(v -> call.header("Marathon-Deployment-Id", v));
        call.header("X-Marathon-Leader", tls.url(leader));
        call.send(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    /** Relays the leader's event stream (SSE) until either side closes it; a copy thread per client. */
    void stream(HttpCall call, String leader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tls.url(leader) + call.pathAndQuery()))
                .header(VIA, "proxy").header("Accept", "text/event-stream").GET();
        copy(call, b, AUTHORIZATION);
        HttpRequest request = b.build();
        HttpResponse<java.io.InputStream> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            call.message(503, "Leader " + leader + " could not be reached: " + e);
            return;
        }
        call.response.setStatus(r.statusCode());
        call.header("Content-Type", r.headers().firstValue("Content-Type").orElse("text/event-stream"));
        call.header("X-Marathon-Leader", tls.url(leader));
        java.io.InputStream in = r.body();
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    org.eclipse.jetty.util.FutureCallback written = new org.eclipse.jetty.util.FutureCallback();
                    call.response.write(false, java.nio.ByteBuffer.wrap(buffer.clone(), 0, n), written);
                    written.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
                call.response.write(true, java.nio.ByteBuffer.allocate(0), call.callback);
            } catch (Exception e) {
                call.callback.failed(e);
            }
        }, "marathon-sse-proxy");
        copier.setDaemon(true);
        copier.start();
    }

    private static void copy(HttpCall call, HttpRequest.Builder request, String header) {
        String value = call.header(header);
        if (value != null) {
            request.header(header, value);
        }
    }
}
