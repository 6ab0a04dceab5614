package io.plumbery.providers.jclouds.ec2;

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
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * EC2's Query API replayed on 127.0.0.1: each request's {@code Action} is answered with the next reply scripted for
 * it (the last one stays), read from {@code src/test/resources/ec2/}. Every request is kept, its form decoded, so
 * tests check what the provider asked ({@code {{endpoint}}} in a file is this server's address). An action nobody scripted is answered 400 and noted, so a test sees it.
 */
final class Ec2Replay implements AutoCloseable, AfterEachCallback {

    /** One request as EC2 would see it: its form parameters, Action first, and its headers (names lower-cased). */
    record Request(Map<String, String> params, Map<String, String> headers) {
        String action() {
            return params.get("Action");
        }

        String get(String key) {
            return params.get(key);
        }
    }

    private record Reply(int status, String file) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> unscripted = new CopyOnWriteArrayList<>();

    /** Started, answering DescribeRegions with itself as the endpoint of eu-west-3, as jclouds asks first. */
    Ec2Replay() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        on("DescribeRegions", "describe-regions.xml");
    }

    /** One for a test's own, as {@code @RegisterExtension Ec2Replay ec2 = Ec2Replay.forEachTest()}: closed after it. */
    static Ec2Replay forEachTest() {
        try {
            return new Ec2Replay();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Answers {@code action} with these files in turn (status 200), the last one from then on. */
    synchronized Ec2Replay on(String action, String... files) {
        Deque<Reply> replies = new ArrayDeque<>();
        for (String file : files) {
            replies.add(new Reply(200, file));
        }
        script.put(action, replies);
        return this;
    }

    /** Answers {@code action} once with an error (an EC2 error document), then as scripted before. */
    synchronized Ec2Replay failOnce(String action, int status, String file) {
        Deque<Reply> replies = script.computeIfAbsent(action, a -> new ArrayDeque<>());
        replies.addFirst(new Reply(status, file));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String action) {
        return requests.stream().filter(r -> action.equals(r.action())).toList();
    }

    List<String> actions() {
        return requests.stream().map(Request::action).toList();
    }

    List<String> unscripted() {
        return List.copyOf(unscripted);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = new LinkedHashMap<>();
            String query = exchange.getRequestURI().getRawQuery();
            decode(query, params);
            try (InputStream body = exchange.getRequestBody()) {
                decode(new String(body.readAllBytes(), StandardCharsets.UTF_8), params);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", values)));
            Request request = new Request(params, headers);
            requests.add(request);
            Reply reply = next(request.action());
            byte[] bytes;
            int status;
            if (reply == null) {
                unscripted.add(request.action());
                status = 400;
                bytes = error("InvalidAction", "no reply scripted for " + request.action());
            } else {
                status = reply.status();
                bytes = new String(resource(reply.file()), StandardCharsets.UTF_8).replace("{{endpoint}}", endpoint())
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private synchronized Reply next(String action) {
        Deque<Reply> replies = script.get(action);
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
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = Ec2Replay.class.getResourceAsStream("/ec2/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource ec2/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] error(String code, String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error></Errors><RequestID>replay</RequestID></Response>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
