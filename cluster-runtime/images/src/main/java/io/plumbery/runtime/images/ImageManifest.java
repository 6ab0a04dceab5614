package io.plumbery.runtime.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One platform's image manifest (Docker's schema 2 or OCI's): its config blob and its layers, lowest first. */
public record ImageManifest(String mediaType, Blob config, List<Blob> layers) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A blob the manifest names. */
    public record Blob(String mediaType, Digest digest, long size) {
        static Blob of(JsonNode node) {
            return new Blob(node.path("mediaType").asText(null), Digest.parse(node.path("digest").asText()),
                    node.path("size").asLong());
        }
    }

    /** {@code mediaType}: the response's Content-Type, used when the document does not say. */
    public static ImageManifest parse(byte[] document, String mediaType) throws IOException {
        JsonNode root = JSON.readTree(document);
        if (root.path("schemaVersion").asInt() != 2) {
            throw new IOException("Unsupported manifest schema version " + root.path("schemaVersion").asText("?")
                    + " (schema 1 manifests are not supported)");
        }
        String type = root.path("mediaType").asText(mediaType);
        if (!root.has("config") || !root.path("layers").isArray()) {
            throw new IOException("Not an image manifest (" + type + ")");
        }
        List<Blob> layers = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            layers.add(Blob.of(layer));
        }
        return new ImageManifest(type, Blob.of(root.path("config")), List.copyOf(layers));
    }

    /** The manifest of {@code os/architecture} in a manifest list or OCI index. */
    static Optional<Digest> pick(byte[] index, String os, String architecture) throws IOException {
        for (JsonNode m : JSON.readTree(index).path("manifests")) {
            JsonNode platform = m.path("platform");
            if (os.equals(platform.path("os").asText()) && architecture.equals(platform.path("architecture").asText())) {
                return Optional.of(Digest.parse(m.path("digest").asText()));
            }
        }
        return Optional.empty();
    }

    /** This manifest as Docker's schema 2 document. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
        root.set("config", blob(config));
        ArrayNode out = root.putArray("layers");
        layers.forEach(l -> out.add(blob(l)));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode blob(Blob b) {
        return JSON.createObjectNode().put("mediaType", b.mediaType()).put("size", b.size())
                .put("digest", b.digest().toString());
    }
}
