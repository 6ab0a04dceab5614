package io.plumbery.engine;

import io.plumbery.engine.cluster.Amounts;
import io.plumbery.fittings.model.ClusterRole;
import io.plumbery.fittings.model.ClusterSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What setting the plan's roles on the cluster changes, as Terraform would converge them: a role of the plan gets its
 * weight and quota; a role the plan set before and no longer has goes back to Mesos's default (weight 1, no quota);
 * roles the plan never set are the operator's own and are left alone. Pure.
 */
final class RoleChanges {

    static final String KIND = "role";

    private RoleChanges() {
    }

    /**
     * @param current what the cluster has now (or, for a dry run, what deploy last set), by role
     * @param managed the roles the plan set before (the last deploy's)
     */
    static List<Planned> of(ClusterSettings wanted, Map<String, ClusterRole> current, Set<String> managed) {
        List<Planned> out = new ArrayList<>();
        for (ClusterRole role : wanted.roles()) {
            ClusterRole now = current.getOrDefault(role.name(), unset(role.name()));
            List<String> differences = differences(now, role);
            Action action = differences.isEmpty() ? Action.NO_OP
                    : managed.contains(role.name()) || !isDefault(now) ? Action.UPDATE : Action.CREATE;
            out.add(new Planned(new Change(address(role.name()), KIND, action, describe(role),
                    action == Action.UPDATE ? String.join(", ", differences) : null), new Target.Role(null, role)));
        }
        for (String name : new java.util.TreeSet<>(managed)) {
            ClusterRole now = current.getOrDefault(name, unset(name));
            if (wanted.role(name).isEmpty() && !isDefault(now)) {
                out.add(new Planned(new Change(address(name), KIND, Action.DELETE, describe(now),
                        "no longer in the plan: back to weight 1, no quota"), new Target.Role(null, unset(name))));
            }
        }
        return out;
    }

    /** Mesos's role that nobody set: weight 1, no quota. */
    static ClusterRole unset(String name) {
        return new ClusterRole(name, ClusterRole.DEFAULT_WEIGHT, Map.of(), Map.of());
    }

    static boolean isDefault(ClusterRole role) {
        return same(role.weight(), ClusterRole.DEFAULT_WEIGHT) && !role.hasQuota();
    }

    static boolean weightDiffers(ClusterRole now, ClusterRole wanted) {
        return !same(now.weight(), wanted.weight());
    }

    static boolean quotaDiffers(ClusterRole now, ClusterRole wanted) {
        return !sameAmounts(now.guarantee(), wanted.guarantee(), true) || !sameAmounts(now.limit(), wanted.limit(), false);
    }

    private static List<String> differences(ClusterRole now, ClusterRole wanted) {
        List<String> out = new ArrayList<>();
        if (weightDiffers(now, wanted)) {
            out.add("weight " + Amounts.number(now.weight()) + " -> " + Amounts.number(wanted.weight()));
        }
        if (!sameAmounts(now.guarantee(), wanted.guarantee(), true)) {
            out.add("guarantee " + Amounts.show(now.guarantee()) + " -> " + Amounts.show(wanted.guarantee()));
        }
        if (!sameAmounts(now.limit(), wanted.limit(), false)) {
            out.add("limit " + Amounts.show(now.limit()) + " -> " + Amounts.show(wanted.limit()));
        }
        return out;
    }

    static String address(String role) {
        return "role." + role;
    }

    /** {@code weight 2, guarantee cpus:2 mem:1024, limit cpus:4 mem:4096}. */
    static String describe(ClusterRole r) {
        return "weight " + Amounts.number(r.weight())
                + (r.guarantee().isEmpty() ? "" : ", guarantee " + Amounts.show(r.guarantee()))
                + (r.limit().isEmpty() ? "" : ", limit " + Amounts.show(r.limit()))
                + (r.hasQuota() ? "" : ", no quota");
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) < 1e-9;
    }

    /**
     * Equal amounts. A guarantee of zero is no guarantee; a limit of zero is not the same as none (nothing at all may
     * be allocated, where a resource a limit does not name is unlimited).
     */
    private static boolean sameAmounts(Map<String, Double> a, Map<String, Double> b, boolean zeroIsNone) {
        Set<String> names = new java.util.HashSet<>(a.keySet());
        names.addAll(b.keySet());
        return names.stream().allMatch(k -> zeroIsNone ? same(a.getOrDefault(k, 0.0), b.getOrDefault(k, 0.0))
                : a.containsKey(k) && b.containsKey(k) && same(a.get(k), b.get(k)));
    }
}
