package io.plumbery.engine;

import io.plumbery.fittings.model.Node;
import io.plumbery.providers.NodeShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node is built with, as recorded in the state next to it: what no provider here can change on a running
 * node, so that a plan asking for something else replaces the node (Terraform's "must be replaced").
 */
final class NodeSpec {
    private NodeSpec() {
    }

    static Map<String, String> of(Node node) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("cpu", String.valueOf(node.cpu().count()));
        spec.put("memory", node.memoryGb() + " GB");
        spec.put("image", node.appliance() == null ? "default" : node.appliance());
        spec.put("disks", node.disks().isEmpty() ? "none"
                : String.join(",", node.disks().stream().map(d -> d.sizeGb() + " GB").toList()));
        return spec;
    }

    /** What a provider's plan-time checks and choices see of the node. */
    static NodeShape shape(Node node) {
        return new NodeShape(node.name(), node.cpu().count(), node.memoryGb() * 1024,
                node.disks().stream().map(d -> d.sizeGb()).toList(), node.appliance());
    }

    /**
     * How the plan differs from what was built, e.g. {@code memory 2 GB -> 4 GB}, in the order of {@code wanted}
     * (the state's copy of {@code built} keeps no order); empty when it does not differ, or when the state does not
     * say what the node was built with.
     */
    static List<String> differences(Map<String, String> built, Map<String, String> wanted) {
        List<String> out = new ArrayList<>();
        wanted.forEach((key, now) -> {
            String was = built.get(key);
            if (was != null && !was.equals(now)) {
                out.add(key + " " + was + " -> " + now);
            }
        });
        return out;
    }
}
