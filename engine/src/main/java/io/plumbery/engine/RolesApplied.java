package io.plumbery.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.plumbery.fittings.model.ClusterRole;
import io.plumbery.node.files.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The roles that deploy last set on the cluster, kept next to the state ({@code cluster-roles.json} in the plan's
 * directory): which roles the plan owns, so that one it drops is reset while the operator's own roles are left alone,
 * and what they were set to, which {@code plan} compares the plan with without asking the cluster.
 */
final class RolesApplied {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "cluster-roles.json";

    private RolesApplied() {
    }

    /** The roles last set, by name; none when deploy never set any. */
    static Map<String, ClusterRole> read(Path dir) {
        Path file = dir.resolve(FILE);
        Map<String, ClusterRole> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (JsonNode r : JSON.readTree(file.toFile()).path("roles")) {
                String name = r.path("name").asText();
                out.put(name, new ClusterRole(name, r.path("weight").asDouble(ClusterRole.DEFAULT_WEIGHT),
                        amounts(r.path("guarantee")), amounts(r.path("limit"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void write(Path dir, List<ClusterRole> roles) {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode list = doc.putArray("roles");
        for (ClusterRole r : roles) {
            ObjectNode o = list.addObject().put("name", r.name()).put("weight", r.weight());
            r.guarantee().forEach(o.putObject("guarantee")::put);
            r.limit().forEach(o.putObject("limit")::put);
        }
        Path file = dir.resolve(FILE);
        try {
            PrivateFiles.directories(dir);
            Path temp = file.resolveSibling(FILE + ".tmp");
            PrivateFiles.writeNew(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, Double> amounts(JsonNode map) {
        Map<String, Double> out = new TreeMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }
}
