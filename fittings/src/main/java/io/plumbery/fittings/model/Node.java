package io.plumbery.fittings.model;

import io.plumbery.fittings.diag.SourceRange;

import java.util.List;
import java.util.Map;

/**
 * One node, after its profile ({@code default:}) and the plan's defaults were applied and its name range
 * expanded.
 *
 * @param roles       what the bootstrap installs on it ({@code mesos-master}, {@code mesos-agent}...)
 * @param cloudConfig cloud-init user-data from the plan: global defaults, profile and node merged;
 *                    node placeholders ({@code {{ node.private }}}) are still in it, resolved after build
 * @param prepare     plumbery's {@code prepare:} steps, as written ({@code run prepare.update.sh},
 *                    {@code put local.file /remote/path}); empty for most nodes
 * @param backup      plumbery's cloud backup level ({@code essentials}, {@code advanced}, {@code enterprise}), or null
 * @param where       where the plan writes the node's line, for what is said of the node after loading (a
 *                    provider that cannot build it); null for a node made by code
 */
public record Node(String name, String blueprint, String profile, String appliance, Cpu cpu, int memoryGb,
                   List<Disk> disks, List<Glue> glue, String monitoring, List<String> information,
                   String description, List<String> roles, boolean runningAlways, Map<String, Object> cloudConfig,
                   List<String> prepare, String backup, SourceRange where) {

    public Node {
        disks = List.copyOf(disks);
        glue = List.copyOf(glue);
        information = List.copyOf(information);
        roles = List.copyOf(roles);
        prepare = List.copyOf(prepare);
        // cloud-config may hold nulls and its order matters to people reading it: no Map.copyOf
        cloudConfig = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cloudConfig));
    }

    /** A node whose place in a plan file is not known. */
    public Node(String name, String blueprint, String profile, String appliance, Cpu cpu, int memoryGb,
                List<Disk> disks, List<Glue> glue, String monitoring, List<String> information,
                String description, List<String> roles, boolean runningAlways, Map<String, Object> cloudConfig,
                List<String> prepare, String backup) {
        this(name, blueprint, profile, appliance, cpu, memoryGb, disks, glue, monitoring, information, description,
                roles, runningAlways, cloudConfig, prepare, backup, null);
    }

    /** A node without prepare steps or backup. */
    public Node(String name, String blueprint, String profile, String appliance, Cpu cpu, int memoryGb,
                List<Disk> disks, List<Glue> glue, String monitoring, List<String> information,
                String description, List<String> roles, boolean runningAlways, Map<String, Object> cloudConfig) {
        this(name, blueprint, profile, appliance, cpu, memoryGb, disks, glue, monitoring, information, description,
                roles, runningAlways, cloudConfig, List.of(), null);
    }

    /** Everything opened to the internet by {@code glue: internet ...}: ICMP, TCP and UDP ports and ranges. */
    public List<PortRule> internetRules() {
        return glue.stream().filter(Glue::internet).flatMap(g -> g.rules().stream()).distinct().toList();
    }

    public boolean hasPublicAddress() {
        return glue.stream().anyMatch(Glue::internet);
    }
}
