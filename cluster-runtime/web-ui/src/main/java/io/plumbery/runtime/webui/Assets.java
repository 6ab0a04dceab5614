package io.plumbery.runtime.webui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages' files under {@code webui/} on the class path, kept in memory once read (a few tens of kilobytes) so that
 * a page loads without touching the jar again. Only plain names are looked up: no {@code ..}, no hidden files.
 */
final class Assets {
    private static final String ROOT = "webui/";
    private static final Pattern SAFE = Pattern.compile("([a-z0-9-]+/)*[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** The asset at a path relative to the root ({@code marathon/main.js}), if there is one. */
    Optional<Asset> find(String path) {
        if (!SAFE.matcher(path).matches()) {
            return Optional.empty();
        }
        Asset known = loaded.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        // only files that exist are kept: names asked for in vain cost nothing to remember
        Optional<Asset> read = read(path);
        read.ifPresent(a -> loaded.put(path, a));
        return read;
    }

    private static Optional<Asset> read(String path) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
            return Optional.of(new Asset(body, type, etag(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ROOT + path, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
