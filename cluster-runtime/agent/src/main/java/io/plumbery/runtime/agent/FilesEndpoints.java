package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Jsonp;
import io.plumbery.runtime.http.ResponseStream;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The agent's {@code /files/browse}, {@code /files/read}, {@code /files/download} and {@code /files/debug}, as Mesos's
 * files process serves them (its endpoints are {@code /files/...}, never under {@code /slave(1)}). {@code read} with
 * {@code offset=-1} (or none) answers the file's size and no data, which is how the Mesos UI's pailer starts paging.
 */
final class FilesEndpoints {
    private static final Map<String, String> MIME_TYPES = Map.ofEntries(Map.entry(".sh", "application/x-sh"),
            Map.entry(".js", "application/x-javascript"), Map.entry(".css", "text/css"),
            Map.entry(".pdf", "application/pdf"), Map.entry(".jpg", "image/jpeg"), Map.entry(".jpeg", "image/jpeg"),
            Map.entry(".xml", "text/xml"), Map.entry(".html", "text/html"), Map.entry(".htm", "text/html"),
            Map.entry(".gif", "image/gif"), Map.entry(".txt", "text/plain"), Map.entry(".zip", "application/zip"),
            Map.entry(".png", "image/png"), Map.entry(".tar", "application/x-tar"));

    private final VirtualFiles files;

    FilesEndpoints(VirtualFiles files) {
        this.files = files;
    }

    void register(Router router) {
        router.route(this::browse, "/files/browse");
        router.route(this::read, "/files/read");
        router.route(this::download, "/files/download");
        router.route(this::debug, "/files/debug");
    }

    private void browse(Exchange ex) {
        String path = ex.query("path");
        if (path == null || path.isEmpty()) {
            ex.text(400, "Expecting 'path=value' in query.\n");
            return;
        }
        try {
            ArrayNode listing = Json.MAPPER.createArrayNode();
            files.browse(path).forEach(f -> listing.add(f.v0()));
            Jsonp.ok(ex, listing);
        } catch (FilesError e) {
            e.answer(ex);
        }
    }

    private void read(Exchange ex) {
        String path = ex.query("path");
        if (path == null || path.isEmpty()) {
            ex.text(400, "Expecting 'path=value' in query.\n");
            return;
        }
        long offset;
        long length;
        try {
            offset = atLeastMinusOne(ex.query("offset"), "offset");
            length = atLeastMinusOne(ex.query("length"), "length");
        } catch (IllegalArgumentException e) {
            ex.text(400, e.getMessage());
            return;
        }
        try {
            VirtualFiles.Chunk chunk = offset == -1 ? files.read(0, 0L, path)
                    : files.read(offset, length == -1 ? null : length, path);
            Jsonp.encoded(ex, readAnswer(chunk.data(), offset == -1 ? chunk.size() : offset));
        } catch (FilesError e) {
            e.answer(ex);
        }
    }

    /** A query number, -1 when absent; below -1 or not a number is a bad request, in Mesos's words. */
    private static long atLeastMinusOne(String value, String name) {
        if (value == null) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Failed to parse " + name + ": Failed to convert '" + value + "' to number.\n");
        }
        if (n < -1) {
            throw new IllegalArgumentException("Negative " + name + " provided: " + n + ".\n");
        }
        return n;
    }

    /**
     * {@code {"data":"...","offset":N}} with the file's bytes as they are in the JSON string (only quotes, backslashes
     * and control characters escaped), as Mesos writes it: a chunk that ends inside a UTF-8 character is still exact.
     */
    static byte[] readAnswer(byte[] data, long offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 32);
        out.writeBytes("{\"data\":\"".getBytes(StandardCharsets.US_ASCII));
        for (byte b : data) {
            switch (b) {
                case '"' -> out.writeBytes(new byte[] {'\\', '"'});
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                case '\t' -> out.writeBytes(new byte[] {'\\', 't'});
                case '\b' -> out.writeBytes(new byte[] {'\\', 'b'});
                case '\f' -> out.writeBytes(new byte[] {'\\', 'f'});
                default -> {
                    if (b >= 0 && b < 0x20) {
                        out.writeBytes(String.format("\\u%04X", b).getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(b);
                    }
                }
            }
        }
        out.writeBytes(("\",\"offset\":" + offset + "}").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private void download(Exchange ex) throws IOException {
        String path = ex.query("path");
        if (path == null || path.isEmpty()) {
            ex.text(400, "Expecting 'path=value' in query.\n");
            return;
        }
        Path file;
        try {
            file = files.resolve(path);
        } catch (FilesError e) {
            e.answer(ex);
            return;
        }
        if (Files.isDirectory(file)) {
            ex.text(400, "Cannot download a directory.\n");
            return;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? "application/octet-stream"
                : MIME_TYPES.getOrDefault(name.substring(dot), "application/octet-stream");
        try (InputStream in = Files.newInputStream(file);
             ResponseStream out = ex.rawStream(type, "Content-Disposition", "attachment; filename=" + name)) {
            byte[] buffer = new byte[VirtualFiles.MAX_READ];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.writeRaw(java.util.Arrays.copyOf(buffer, n));
            }
        }
    }

    private void debug(Exchange ex) {
        ObjectNode paths = Json.object();
        files.attached().forEach((virtual, real) -> paths.put(virtual, real.toString()));
        Jsonp.ok(ex, paths);
    }
}
