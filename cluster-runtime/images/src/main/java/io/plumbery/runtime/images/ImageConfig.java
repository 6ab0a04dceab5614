package io.plumbery.runtime.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an image's config blob says about running it ({@code config.Entrypoint}, {@code Cmd}, {@code Env},
 * {@code WorkingDir}, {@code User}); empty lists and null where it says nothing.
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
                          String user) {

    public static ImageConfig parse(byte[] blob) throws IOException {
        JsonNode c = ImageManifest.JSON.readTree(blob).path("config");
        return new ImageConfig(strings(c.path("Entrypoint")), strings(c.path("Cmd")), strings(c.path("Env")),
                blankToNull(c.path("WorkingDir").asText(null)), blankToNull(c.path("User").asText(null)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The config blob of a linux/amd64 image with these settings whose layers have these uncompressed digests. */
    public byte[] toJson(List<Digest> diffIds) {
        ObjectNode root = ImageManifest.JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        ObjectNode c = root.putObject("config");
        array(c.putArray("Entrypoint"), entrypoint);
        array(c.putArray("Cmd"), cmd);
        array(c.putArray("Env"), env);
        if (workingDir != null) {
            c.put("WorkingDir", workingDir);
        }
        if (user != null) {
            c.put("User", user);
        }
        ObjectNode rootfs = root.putObject("rootfs").put("type", "layers");
        array(rootfs.putArray("diff_ids"), diffIds.stream().map(Digest::toString).toList());
        try {
            return ImageManifest.JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void array(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }
}
