package io.plumbery.runtime.http;

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
import org.eclipse.jetty.util.Fields;

/** One HTTP request/response pair, with the few helpers the API handlers need. */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final byte[] jsonBody;
    private final AnswerEncoding encoding;

    Exchange(Request request, Response response, Callback callback) {
        this(request, response, callback, null, null);
    }

    private Exchange(Request request, Response response, Callback callback, byte[] jsonBody, AnswerEncoding encoding) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.jsonBody = jsonBody;
        this.encoding = encoding;
    }

    /**
     * This exchange as its JSON handler sees it when the client speaks another encoding: the request's body already
     * turned into JSON, and answers turned into {@code encoding} (null: the JSON as written).
     */
    public Exchange transcoded(byte[] jsonBody, AnswerEncoding encoding) {
        return new Exchange(request, response, callback, jsonBody, encoding);
    }

    public String path() {
        return request.getHttpURI().getPath();
    }

    /** The path with its %-escapes decoded, for the names it carries. */
    public String decodedPath() {
        return request.getHttpURI().getDecodedPath();
    }

    /** Path and query as sent, for redirects. */
    public String pathAndQuery() {
        String q = request.getHttpURI().getQuery();
        return q == null ? path() : path() + "?" + q;
    }

    public String method() {
        return request.getMethod();
    }

    /** The principal this request authenticated as ({@link BasicAuth}); empty where its realm is open. */
    public java.util.Optional<String> principal() {
        return BasicAuth.principal(request);
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public String query(String name) {
        Fields fields = Request.extractQueryParameters(request);
        return fields.getValue(name);
    }

    public String body() throws IOException {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() throws IOException {
        if (jsonBody != null) {
            return jsonBody;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            return in.readAllBytes();
        }
    }

    public void json(int status, Object value) {
        byte[] json = Json.bytes(value);
        if (encoding == null) {
            send(status, "application/json", json);
        } else {
            send(status, encoding.mediaType(), encoding.answer(json));
        }
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

    /**
     * Starts a long-lived chunked response of RecordIO records, JSON unless the exchange was {@link #transcoded}; the
     * caller owns it until {@link ResponseStream#close()}.
     */
    public ResponseStream stream(String headerName, String headerValue) {
        return startStream(encoding == null ? "application/json" : encoding.mediaType(), headerName, headerValue);
    }

    /**
     * Starts a chunked response of raw bytes ({@link ResponseStream#writeRaw}), such as a file download; the caller
     * owns it until {@link ResponseStream#close()}.
     */
    public ResponseStream rawStream(String contentType, String headerName, String headerValue) {
        return startStream(contentType, headerName, headerValue);
    }

    private ResponseStream startStream(String contentType, String headerName, String headerValue) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if (headerName != null) {
            response.getHeaders().put(headerName, headerValue);
        }
        ResponseStream stream = new ResponseStream(response, callback, encoding);
        request.addFailureListener(stream::failed);
        return stream;
    }
}
