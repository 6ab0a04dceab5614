package io.plumbery.bootstrap.flow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The outcome of bootstrapping a plan: one report per node, in plan order. */
public record BootstrapReport(List<NodeReport> nodes, Duration elapsed) {

    public BootstrapReport {
        nodes = List.copyOf(nodes);
    }

    public boolean succeeded() {
        return nodes.stream().allMatch(NodeReport::succeeded);
    }

    /** True when every node succeeded and none changed: a re-run on configured nodes. */
    public boolean unchanged() {
        return nodes.stream().allMatch(NodeReport::unchanged);
    }

    public List<NodeFailure> failures() {
        return nodes.stream().map(NodeReport::failure).flatMap(Optional::stream).toList();
    }

    public Optional<NodeReport> node(String name) {
        return nodes.stream().filter(n -> n.node().equals(name)).findFirst();
    }
}
