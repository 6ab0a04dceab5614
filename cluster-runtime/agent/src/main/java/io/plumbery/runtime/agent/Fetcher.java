package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Mesos fetcher for {@code CommandInfo.uris}: http(s), file: and absolute paths are copied into the sandbox
 * ({@code output_file} names the copy), archives are extracted unless {@code extract} is false, {@code executable}
 * sets the execute bit. No cache.
 */
final class Fetcher {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Fetches every URI into the sandbox; throws with a message naming the URI on the first failure. */
    void fetchAll(JsonNode uris, Path sandbox) throws IOException, InterruptedException {
        if (uris == null || !uris.isArray()) {
            return;
        }
        for (JsonNode uri : uris) {
            String value = uri.path("value").asText();
            try {
                fetch(value, uri.path("output_file").asText(null), uri.path("extract").asBoolean(true),
                        uri.path("executable").asBoolean(false), sandbox);
            } catch (IOException | RuntimeException e) {
                throw new IOException("Failed to fetch '" + value + "': " + e.getMessage(), e);
            }
        }
    }

    private void fetch(String value, String outputFile, boolean extract, boolean executable, Path sandbox)
            throws IOException, InterruptedException {
        String name = outputFile != null ? outputFile : value.substring(value.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.contains("..")) {
            throw new IOException("cannot name the fetched file");
        }
        Path target = sandbox.resolve(name).normalize();
        if (!target.startsWith(sandbox)) {
            throw new IOException("output_file escapes the sandbox");
        }
        Files.createDirectories(target.getParent());
        if (value.startsWith("http://") || value.startsWith("https://")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(value)).timeout(TIMEOUT).GET().build();
            HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
        } else {
            Path source = value.startsWith("file://") ? Path.of(URI.create(value)) : Path.of(value);
            if (!source.isAbsolute()) {
                throw new IOException("unsupported URI (http, https, file or an absolute path)");
            }
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (executable) {
            target.toFile().setExecutable(true);
        } else if (extract) {
            extract(target, sandbox);
        }
    }

    private static void extract(Path archive, Path sandbox) throws IOException, InterruptedException {
        String n = archive.getFileName().toString();
        if (n.endsWith(".zip")) {
            unzip(archive, sandbox);
        } else if (n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar.bz2")
                || n.endsWith(".tar.xz") || n.endsWith(".txz")) {
            Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", sandbox.toString())
                    .redirectErrorStream(true).start();
            String out = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new IOException("tar failed: " + out.trim());
            }
        }
    }

    private static void unzip(Path archive, Path sandbox) throws IOException {
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path out = sandbox.resolve(e.getName()).normalize();
                if (!out.startsWith(sandbox)) {
                    throw new IOException("zip entry escapes the sandbox: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
