package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.http.HttpServer;
import io.plumbery.runtime.marathon.core.EventBus;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.SchedulerConfig;
import io.plumbery.runtime.marathon.state.MarathonStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Marathon's API on a real Jetty on loopback, leading, over a scheduler that talks to no master; requests are
 * written as raw HTTP/1.1 so that paths reach the server exactly as a client sends them ({@code %2F} included).
 */
final class ApiFixture implements AutoCloseable {
    final TestLeadership leadership = new TestLeadership();
    final MarathonScheduler scheduler;
    final HttpServer http;

    ApiFixture() throws Exception {
        this(SchedulerConfig.defaults("127.0.0.1:1", "127.0.0.1", "http://127.0.0.1"));
    }

    ApiFixture(SchedulerConfig config) throws Exception {
        http = new HttpServer("marathon-test", "127.0.0.1", 0, new MarathonApi(leadership));
        http.start();
        scheduler = new MarathonScheduler(config, MarathonStore.inMemory(), new EventBus());
        leadership.lead(scheduler, "127.0.0.1:" + http.port());
    }

    /** {@code STATUS BODY} of one request, the path sent byte for byte. */
    String call(String method, String path, String body) throws Exception {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return exchange(method, path, "Content-Length: " + content.length, content);
    }

    /** A request that declares a body of {@code length} bytes and sends none: what a server may answer at once. */
    String callDeclaring(String method, String path, long length) throws Exception {
        return exchange(method, path, "Content-Length: " + length, new byte[0]);
    }

    /** A request whose body comes in one chunk, its length not declared. */
    String callChunked(String method, String path, String body) throws Exception {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = (Integer.toHexString(content.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] chunked = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, chunked, 0, head.length);
        System.arraycopy(content, 0, chunked, head.length, content.length);
        System.arraycopy(tail, 0, chunked, head.length + content.length, tail.length);
        return exchange(method, path, "Transfer-Encoding: chunked", chunked);
    }

    private String exchange(String method, String path, String framing, byte[] content) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", http.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    String call(String method, String path) throws Exception {
        return call(method, path, null);
    }

    /**
     * Opens a long-lived GET and reads its status line: the socket of an open stream (caller closes it), or an
     * {@link IllegalStateException} with the status if the server answered otherwise.
     */
    Socket openStream(String path) throws Exception {
        Socket socket = new Socket("127.0.0.1", http.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] status = socket.getInputStream().readNBytes(12);
        String line = new String(status, StandardCharsets.US_ASCII);
        if (!line.endsWith(" 200")) {
            socket.close();
            throw new IllegalStateException(line);
        }
        return socket;
    }

    private static String parse(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String raw = all.toString(StandardCharsets.UTF_8);
        String status = raw.substring(raw.indexOf(' ') + 1, raw.indexOf(' ') + 4);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return status + " " + body;
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    @Override
    public void close() throws Exception {
        scheduler.close();
        http.close();
    }
}
