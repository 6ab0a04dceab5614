package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.core.MarathonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;

/** One request to Marathon's API and its response. */
final class HttpCall {
    /** What ZooKeeper holds in one node by default: no app or group definition can be larger. */
    static final int MAX_BODY = 1024 * 1024;
    final Request request;
    final Response response;
    final Callback callback;
    private Fields query;

    HttpCall(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    String method() {
        return request.getMethod();
    }

    /**
     * The path as Marathon reads it: percent-decoded, an encoded separator included ({@code /v2/apps/group%2Fapp}
     * is {@code /v2/apps/group/app}), empty segments collapsed, a trailing slash dropped ({@code /v2/apps/} is
     * {@code /v2/apps}), as its ids ignore them.
     */
    String path() {
        String decoded = URIUtil.decodePath(request.getHttpURI().getPath()).replaceAll("/{2,}", "/");
        return decoded.length() > 1 && decoded.endsWith("/") ? decoded.substring(0, decoded.length() - 1) : decoded;
    }

    /** Path and query as sent, for the leader proxy. */
    String pathAndQuery() {
        String path = request.getHttpURI().getPath();
        String q = request.getHttpURI().getQuery();
        return q == null ? path : path + "?" + q;
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    private Fields fields() {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        return query;
    }

    String query(String name) {
        return fields().getValue(name);
    }

    List<String> queries(String name) {
        List<String> v = fields().getValues(name);
        return v == null ? List.of() : v;
    }

    boolean flag(String name) {
        String v = query(name);
        return v != null && (v.isEmpty() || v.equalsIgnoreCase("true"));
    }

    /** The request body, at most {@link #MAX_BODY} bytes; a larger one is a 413 (and is not read). */
    String body() throws IOException {
        if (request.getLength() > MAX_BODY) {
            throw tooLarge();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static MarathonException tooLarge() {
        return MarathonException.of(413, "Request body too large: more than " + MAX_BODY + " bytes");
    }

    void json(int status, JsonNode body) {
        send(status, "application/json; charset=utf-8", MarathonJson.bytes(body));
    }

    void message(int status, String message) {
        json(status, MarathonJson.object().put("message", message));
    }

    /** Marathon's 404 for a path, or a path and method, that it does not serve. */
    void notFound() {
        message(404, "Not Found: " + path());
    }

    void methodNotAllowed() {
        message(405, "Method not allowed");
    }

    void text(int status, String text) {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
