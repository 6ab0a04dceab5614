package io.plumbery.fittings.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A whole fittings plan, parameters resolved and node ranges expanded. Immutable.
 *
 * @param name        the plan's name: resources are named from it (the folder of {@code fittings.yaml},
 *                    or the file name without extension)
 * @param parameters  every declared parameter with the value in force
 * @param safeMode    when true, the plan refuses destructive actions
 * @param cluster     the {@code cluster:} section: what deploy sets on the running cluster (roles)
 */
public record Plan(Path source, String name, List<String> information, Map<String, String> links,
                   Map<String, Parameter> parameters, boolean safeMode, List<Facility> facilities,
                   ClusterSettings cluster) {

    public Plan {
        information = List.copyOf(information);
        links = Map.copyOf(links);
        parameters = Map.copyOf(parameters);
        facilities = List.copyOf(facilities);
        cluster = cluster == null ? ClusterSettings.NONE : cluster;
    }

    /** A plan without a {@code cluster:} section. */
    public Plan(Path source, String name, List<String> information, Map<String, String> links,
                Map<String, Parameter> parameters, boolean safeMode, List<Facility> facilities) {
        this(source, name, information, links, parameters, safeMode, facilities, ClusterSettings.NONE);
    }

    public Stream<Blueprint> blueprints() {
        return facilities.stream().flatMap(f -> f.blueprints().stream());
    }

    public Stream<Node> nodes() {
        return blueprints().flatMap(b -> b.nodes().stream());
    }

    public Optional<Node> node(String nodeName) {
        return nodes().filter(n -> n.name().equals(nodeName)).findFirst();
    }
}
