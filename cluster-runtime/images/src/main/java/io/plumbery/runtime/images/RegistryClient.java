package io.plumbery.runtime.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of one registry's HTTP API v2 (distribution's spec): manifests by tag or digest with the Accept header
 * of every kind it reads, blobs by digest (verified), and the push calls (monolithic blob upload, manifest put).
 * Authentication follows the registry's challenge: on a 401 it answers {@code Basic} with the login it has for the
 * registry, or fetches a {@code Bearer} token from the challenge's realm for the scope it needs, then retries once.
 */
public final class RegistryClient {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final URI base;
    private final String registry;
    private final HttpClient http;
    private final Optional<RegistryCredentials.Login> login;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    /** {@code base}: {@code https://host:port} (or {@code http://} for a registry without TLS). */
    public RegistryClient(URI base, HttpClient http, Optional<RegistryCredentials.Login> login) {
        this.base = base;
        this.registry = base.getAuthority();
        this.http = http;
        this.login = login;
    }

    public String registry() {
        return registry;
    }

    /** A manifest as the registry serves it, with its digest (checked against what the registry says it is). */
    public record Manifest(byte[] document, String mediaType, Digest digest) {
    }

    /** The manifest of {@code reference} (tag or digest); an index is resolved to this machine's linux platform. */
    public Manifest manifest(String repository, String reference) throws IOException {
        Manifest m = fetchManifest(repository, reference);
        if (MediaTypes.isIndex(m.mediaType())) {
            Digest platform = ImageManifest.pick(m.document(), "linux", architecture()).orElseThrow(() ->
                    new RegistryException(0, "No manifest for linux/" + architecture() + " in " + repository + ":"
                            + reference));
            m = fetchManifest(repository, platform.toString());
        }
        return m;
    }

    private Manifest fetchManifest(String repository, String reference) throws IOException {
        HttpRequest.Builder get = request("/v2/" + repository + "/manifests/" + reference)
                .header("Accept", MediaTypes.MANIFEST_ACCEPT).GET();
        HttpResponse<byte[]> r = send(get, HttpResponse.BodyHandlers.ofByteArray(), pull(repository));
        if (r.statusCode() != 200) {
            throw RegistryException.of(r.statusCode(), "get the manifest");
        }
        Digest actual = Digest.of(r.body());
        Optional<String> claimed = reference.startsWith("sha256:") ? Optional.of(reference)
                : r.headers().firstValue("Docker-Content-Digest");
        if (claimed.isPresent() && !Digest.parse(claimed.get()).equals(actual)) {
            throw new RegistryException(0, "Digest mismatch of the manifest of " + repository + ":" + reference
                    + ": expected " + claimed.get() + ", got " + actual);
        }
        String type = r.headers().firstValue("Content-Type").orElse(MediaTypes.DOCKER_MANIFEST).split(";")[0].strip();
        return new Manifest(r.body(), type, actual);
    }

    /** The blob {@code digest} into {@code target}, only if its content has that digest. */
    public void blob(String repository, Digest digest, Path target) throws IOException {
        HttpRequest.Builder get = request("/v2/" + repository + "/blobs/" + digest).GET();
        HttpResponse<InputStream> r = send(get, HttpResponse.BodyHandlers.ofInputStream(), pull(repository));
        if (r.statusCode() != 200) {
            r.body().close();
            throw RegistryException.of(r.statusCode(), "get the blob " + digest);
        }
        digest.copyVerified(r.body(), target);
    }

    public boolean hasBlob(String repository, Digest digest) throws IOException {
        HttpRequest.Builder head = request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        return send(head, HttpResponse.BodyHandlers.discarding(), push(repository)).statusCode() == 200;
    }

    /** A monolithic upload: POST opens the upload, PUT with the digest sends the content and completes it. */
    public void pushBlob(String repository, Digest digest, Path content) throws IOException {
        HttpRequest.Builder open = request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> opened = send(open, HttpResponse.BodyHandlers.ofString(), push(repository));
        if (opened.statusCode() != 202) {
            throw RegistryException.of(opened.statusCode(), "start the upload of " + digest);
        }
        String location = opened.headers().firstValue("Location").orElseThrow(() ->
                new RegistryException(opened.statusCode(), "No Location for the upload of " + digest));
        URI upload = base.resolve(location);
        String query = (upload.getRawQuery() == null ? "" : upload.getRawQuery() + "&") + "digest="
                + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8);
        URI put = URI.create(upload.getScheme() + "://" + upload.getRawAuthority() + upload.getRawPath() + "?" + query);
        HttpRequest.Builder send = HttpRequest.newBuilder(put).timeout(TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(content));
        HttpResponse<String> done = send(send, HttpResponse.BodyHandlers.ofString(), push(repository));
        if (done.statusCode() != 201) {
            throw RegistryException.of(done.statusCode(), "upload " + digest + ": " + done.body());
        }
    }

    public void putManifest(String repository, String reference, String mediaType, byte[] document) throws IOException {
        HttpRequest.Builder put = request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(document));
        HttpResponse<String> r = send(put, HttpResponse.BodyHandlers.ofString(), push(repository));
        if (r.statusCode() != 201) {
            throw RegistryException.of(r.statusCode(), "put the manifest: " + r.body());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    private static String push(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    /** Sends with the authorization known for {@code scope}; a 401 is answered once, as its challenge asks. */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String scope)
            throws IOException {
        String known = authorizations.get(scope);
        HttpResponse<T> r = exchange(known == null ? request.copy() : request.copy().setHeader("Authorization", known),
                handler);
        if (r.statusCode() != 401) {
            return r;
        }
        Optional<AuthChallenge> challenge = AuthChallenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
        close(r);
        if (challenge.isEmpty()) {
            throw RegistryException.of(401, "authenticate (no challenge)");
        }
        String authorization = authorize(challenge.get(), scope);
        authorizations.put(scope, authorization);
        return exchange(request.copy().setHeader("Authorization", authorization), handler);
    }

    private String authorize(AuthChallenge challenge, String scope) throws IOException {
        if (challenge.isBasic()) {
            return login.orElseThrow(() -> RegistryException.of(401, "authenticate: no credentials for " + registry))
                    .basic();
        }
        if (!challenge.isBearer() || !challenge.parameters().containsKey("realm")) {
            throw RegistryException.of(401, "authenticate: unsupported challenge '" + challenge.scheme() + "'");
        }
        StringBuilder uri = new StringBuilder(challenge.parameters().get("realm")).append("?scope=")
                .append(URLEncoder.encode(challenge.parameters().getOrDefault("scope", scope), StandardCharsets.UTF_8));
        if (challenge.parameters().containsKey("service")) {
            uri.append("&service=").append(URLEncoder.encode(challenge.parameters().get("service"), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder token = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(TIMEOUT).GET();
        login.ifPresent(l -> token.header("Authorization", l.basic()));
        HttpResponse<byte[]> r = exchange(token, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw RegistryException.of(r.statusCode(), "get a token from " + challenge.parameters().get("realm"));
        }
        JsonNode body = ImageManifest.JSON.readTree(r.body());
        String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
        if (value.isEmpty()) {
            throw RegistryException.of(r.statusCode(), "get a token: the answer has none");
        }
        return "Bearer " + value;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while talking to " + registry, e);
        }
    }

    private static void close(HttpResponse<?> r) throws IOException {
        if (r.body() instanceof InputStream in) {
            in.close();
        }
    }

    /** Docker's name of this machine's architecture. */
    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
