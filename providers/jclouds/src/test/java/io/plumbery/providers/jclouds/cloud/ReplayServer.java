package io.plumbery.providers.jclouds.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A cloud's HTTP API replayed on 127.0.0.1 from files a test writes, for the providers' tests: each request is
 * answered with the next reply scripted for its key (the cloud's action, or its method and path), the last one
 * staying; every request is kept, decoded, so tests check what the provider asked. A request nobody scripted is
 * answered 400 with the cloud's own error shape and noted, so a test sees it. {@code {{endpoint}}} in a file is this
 * server's address.
 */
public final class ReplayServer implements AutoCloseable {

    /**
     * One request as the cloud would see it.
     *
     * @param params its query and, for a form, its body's parameters, decoded
     * @param headers names lower-cased
     * @param body    the body as sent
     */
    public record Exchange(String method, String path, Map<String, String> params, Map<String, String> headers,
                           String body) {
    }

    /**
     * One answer: an HTTP status, the file its body is read from (none: an empty body) and headers of its own (a
     * token Keystone answers in {@code X-Subject-Token}; {@code {{endpoint}}} in their values is this server's address).
     */
    public record Reply(int status, String file, Map<String, String> headers) {
        public Reply {
            headers = Map.copyOf(headers);
        }

        public Reply(int status, String file) {
            this(status, file, Map.of());
        }

        public static Reply ok(String file) {
            return new Reply(200, file);
        }
    }

    private final HttpServer server;
    private final String folder;
    private final String contentType;
    private final Function<Exchange, String> key;
    private final BiFunction<String, String, String> unscriptedError;
    private final Map<String, Deque<Reply>> script = new HashMap<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> unscripted = new CopyOnWriteArrayList<>();

    /**
     * Started.
     *
     * @param folder          where reply files are, under the test resources ({@code ec2}, {@code gce})
     * @param key             what a request is scripted by
     * @param unscriptedError the cloud's error document for (code, message)
     */
    public ReplayServer(String folder, String contentType, Function<Exchange, String> key,
                        BiFunction<String, String, String> unscriptedError) throws IOException {
        this.folder = folder;
        this.contentType = contentType;
        this.key = key;
        this.unscriptedError = unscriptedError;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Answers {@code key} with these files in turn (status 200), the last one from then on. */
    public void on(String key, String... files) {
        script(key, Arrays.stream(files).map(Reply::ok).toArray(Reply[]::new));
    }

    /** Answers {@code key} with these replies in turn, the last one from then on. */
    public synchronized void script(String key, Reply... replies) {
        script.put(key, new ArrayDeque<>(List.of(replies)));
    }

    /** Answers {@code key} once with {@code status} and this file, then as scripted before. */
    public synchronized void failOnce(String key, int status, String file) {
        script.computeIfAbsent(key, a -> new ArrayDeque<>()).addFirst(new Reply(status, file));
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public List<String> unscripted() {
        return List.copyOf(unscripted);
    }

    /** The key of each request, in order. */
    public List<String> keys() {
        return exchanges.stream().map(key).toList();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            Map<String, String> params = new LinkedHashMap<>();
            decode(http.getRequestURI().getRawQuery(), params);
            String body;
            try (InputStream in = http.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String type = http.getRequestHeaders().getFirst("Content-Type");
            if (type == null || type.startsWith("application/x-www-form-urlencoded")) {
                decode(body, params);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            http.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            Exchange exchange = new Exchange(http.getRequestMethod(), http.getRequestURI().getPath(), params, headers,
                    body);
            exchanges.add(exchange);
            String k = key.apply(exchange);
            Reply reply = next(k);
            byte[] bytes;
            int status;
            Map<String, String> replyHeaders = Map.of();
            if (reply == null) {
                unscripted.add(k);
                status = 400;
                bytes = unscriptedError.apply("InvalidAction", "no reply scripted for " + k)
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = reply.status();
                replyHeaders = reply.headers();
                bytes = reply.file() == null ? new byte[0] : new String(resource(reply.file()), StandardCharsets.UTF_8)
                        .replace("{{endpoint}}", endpoint()).getBytes(StandardCharsets.UTF_8);
            }
            http.getResponseHeaders().add("Content-Type", contentType);
            replyHeaders.forEach((name, value) -> http.getResponseHeaders().add(name,
                    value.replace("{{endpoint}}", endpoint())));
            // an empty body is sent as none (-1), as a 204 must be
            http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                http.getResponseBody().write(bytes);
            }
        }
    }

    private synchronized Reply next(String k) {
        Deque<Reply> replies = script.get(k);
        if (replies == null || replies.isEmpty()) {
            return null;
        }
        return replies.size() > 1 ? replies.pollFirst() : replies.peekFirst();
    }

    private static void decode(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }

    private byte[] resource(String file) {
        try (InputStream in = ReplayServer.class.getResourceAsStream("/" + folder + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + folder + "/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
