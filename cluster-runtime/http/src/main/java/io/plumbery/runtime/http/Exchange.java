package io.plumbery.runtime.http;

import io.plumbery.runtime.protocol.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One HTTP request/response pair, with the few helpers the API handlers need. */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String path() {
        return request.getHttpURI().getPath();
    }

    /** Path and query as sent, for redirects. */
    public String pathAndQuery() {
        String q = request.getHttpURI().getQuery();
        return q == null ? path() : path() + "?" + q;
    }

    public String method() {
        return request.getMethod();
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public String query(String name) {
        Fields fields = Request.extractQueryParameters(request);
        return fields.getValue(name);
    }

    public String body() throws IOException {
        return Content.Source.asString(request, StandardCharsets.UTF_8);
    }

    public void json(int status, Object value) {
        send(status, "application/json", Json.bytes(value));
    }

    public void text(int status, String text) {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body already encoded, of any media type (JSONP's {@code text/javascript}, raw JSON bytes). */
    public void bytes(int status, String contentType, byte[] body) {
        send(status, contentType, body);
    }

    public void empty(int status) {
        response.setStatus(status);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    public void redirect(String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        empty(307);
    }

    private void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Starts a long-lived chunked response; the caller owns it until {@link ResponseStream#close()}. */
    public ResponseStream stream(String contentType, String headerName, String headerValue) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if (headerName != null) {
            response.getHeaders().put(headerName, headerValue);
        }
        ResponseStream stream = new ResponseStream(response, callback);
        request.addFailureListener(stream::failed);
        return stream;
    }
}
