package io.plumbery.fittings.load;

import io.plumbery.fittings.model.ClusterRole;
import io.plumbery.fittings.model.ClusterSettings;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global document's {@code cluster:} section:
 *
 * <pre>{@code
 * cluster:
 *   roles:
 *     - name: analytics
 *       weight: 2
 *       quota: {guarantee: {cpus: 2, mem: 1024}, limit: {cpus: 4, mem: 4096}}
 * }</pre>
 *
 * Everything Mesos's master would refuse (a role name, a weight that is not positive, a guarantee above its limit,
 * quota on a nested role) is refused here, where the plan writes it.
 */
final class ClusterReader {

    static final List<String> CLUSTER_KEYS = List.of("roles");
    static final List<String> ROLE_KEYS = List.of("name", "weight", "quota");
    static final List<String> QUOTA_KEYS = List.of("guarantee", "limit");
    /** The scalar resources of Mesos's agents that quota may name. */
    static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");

    private ClusterReader() {
    }

    static ClusterSettings read(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return ClusterSettings.NONE;
        }
        YamlMap cluster = section.get();
        cluster.allowOnly(CLUSTER_KEYS);
        List<ClusterRole> roles = new ArrayList<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        for (Node item : cluster.sequence("roles")) {
            YamlMap.of(item, cluster.source(), cluster.substitutions(), "a role of 'cluster'")
                    .flatMap(r -> role(r, seen)).ifPresent(roles::add);
        }
        return new ClusterSettings(roles);
    }

    private static Optional<ClusterRole> role(YamlMap r, Map<String, Node> seen) {
        r.allowOnly(ROLE_KEYS);
        Optional<String> name = r.string("name");
        if (name.isEmpty()) {
            r.source().error(r.node(), "a role of 'cluster' needs a 'name'");
            return Optional.empty();
        }
        Node at = r.value("name").orElseThrow();
        Optional<String> problem = RoleNames.problem(name.get());
        if (problem.isPresent()) {
            r.source().error(at, "role '" + name.get() + "' of 'cluster': " + problem.get());
            return Optional.empty();
        }
        Node first = seen.putIfAbsent(name.get(), at);
        if (first != null) {
            r.source().error(at, "duplicate role '" + name.get() + "' in 'cluster' (first at line "
                    + (first.getStartMark().getLine() + 1) + ")");
            return Optional.empty();
        }
        String what = "role '" + name.get() + "'";
        double weight = r.value("weight").flatMap(w -> number(r, w, "'weight' of " + what, true))
                .orElse(ClusterRole.DEFAULT_WEIGHT);
        Map<String, Double> guarantee = Map.of();
        Map<String, Double> limit = Map.of();
        Optional<YamlMap> quota = r.map("quota", "the quota of " + what);
        if (quota.isPresent()) {
            quota.get().allowOnly(QUOTA_KEYS);
            guarantee = resources(quota.get(), "guarantee", what);
            limit = resources(quota.get(), "limit", what);
            checkQuota(quota.get(), name.get(), guarantee, limit, r.keyNode("quota"));
        }
        return Optional.of(new ClusterRole(name.get(), weight, guarantee, limit, r.source().at(at)));
    }

    private static void checkQuota(YamlMap quota, String role, Map<String, Double> guarantee,
                                   Map<String, Double> limit, Node key) {
        if (RoleNames.nested(role) && (!guarantee.isEmpty() || !limit.isEmpty())) {
            quota.source().error(key, "quota of role '" + role + "': Mesos sets no quota on a nested role");
            return;
        }
        guarantee.forEach((resource, amount) -> {
            Double most = limit.get(resource);
            if (most != null && amount > most) {
                quota.source().error(quota.value("guarantee").orElse(quota.node()), "the guarantee of role '" + role
                        + "' is more " + resource + " (" + show(amount) + ") than its limit (" + show(most)
                        + "): Mesos refuses a guarantee that its limit does not contain");
            }
        });
    }

    /** {@code {cpus: 2, mem: 1024}}: amounts of Mesos's scalar resources, none negative. */
    private static Map<String, Double> resources(YamlMap quota, String key, String role) {
        Optional<YamlMap> written = quota.map(key, "the " + key + " of " + role);
        if (written.isEmpty()) {
            return Map.of();
        }
        YamlMap m = written.get();
        m.allowOnly(RESOURCES);
        Map<String, Double> out = new LinkedHashMap<>();
        m.values().forEach((resource, v) -> {
            if (RESOURCES.contains(resource)) {
                number(m, v, "'" + resource + "' in " + m.what(), false).ifPresent(n -> out.put(resource, n));
            }
        });
        return out;
    }

    /** A finite number, positive (a weight) or at least zero (an amount); an error where it is written if not. */
    private static Optional<Double> number(YamlMap m, Node v, String label, boolean positive) {
        Optional<String> text = m.scalar(v, label);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            double n = Double.parseDouble(text.get().trim());
            if (Double.isFinite(n) && (positive ? n > 0 : n >= 0)) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the rest
        }
        m.source().error(v, label + " must be a " + (positive ? "positive" : "non-negative") + " number, not '"
                + text.get() + "'");
        return Optional.empty();
    }

    /** {@code 2} rather than {@code 2.0}, as the plan would write it. */
    static String show(double amount) {
        return amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
    }
}
