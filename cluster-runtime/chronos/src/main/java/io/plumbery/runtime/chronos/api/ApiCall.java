package io.plumbery.runtime.chronos.api;

import io.plumbery.runtime.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One request to the Chronos API and its answer. */
final class ApiCall {
    private final Request request;
    private final Response response;
    private final Callback callback;

    ApiCall(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        return request.getHttpURI().getDecodedPath();
    }

    String pathAndQuery() {
        String query = request.getHttpURI().getQuery();
        return request.getHttpURI().getPath() + (query == null ? "" : "?" + query);
    }

    /** A query parameter, or null. */
    String query(String name) {
        return Request.extractQueryParameters(request).getValue(name);
    }

    String body() throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void json(int status, Object value) {
        send(status, "application/json", Json.bytes(value));
    }

    void text(int status, String contentType, String text) {
        send(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    void empty(int status) {
        response.setStatus(status);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    void redirect(String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        empty(307);
    }

    private void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
