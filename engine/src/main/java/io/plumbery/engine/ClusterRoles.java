package io.plumbery.engine;

import io.plumbery.engine.cluster.ClusterHttp;
import io.plumbery.engine.cluster.ClusterLayout;
import io.plumbery.engine.cluster.LeaderOperator;
import io.plumbery.engine.cluster.RoleSettings;
import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.fittings.model.ClusterRole;
import io.plumbery.fittings.model.Plan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The plan's {@code cluster: roles:} on the running cluster: once it is up, deploy gives the leading master each role's
 * weight and quota through the operator API, as the admin, and only what differs from what the master has (a second
 * deploy changes nothing and says so); roles the plan dropped go back to weight 1 and no quota. {@code plan} shows the
 * same changes against what deploy last set.
 */
public final class ClusterRoles {

    static final String SUBJECT = "roles";

    private ClusterRoles() {
    }

    /** What deploy would change, against what it last set; nothing for a plan without masters. */
    static List<Planned> preview(Plan plan, Path workspaceDir) {
        if (plan.nodes().noneMatch(n -> n.roles().contains("mesos-master"))) {
            return List.of();
        }
        Map<String, ClusterRole> applied = RolesApplied.read(workspaceDir);
        return RoleChanges.of(plan.cluster(), applied, applied.keySet());
    }

    /** Sets the plan's roles on the cluster of {@code layout}, which is up. */
    static Outcome apply(Session s, ClusterLayout layout, Progress progress) {
        ClusterHttp http = new ClusterHttp(s.secrets().cluster().adminPrincipal(),
                NodeCertificates.client(s.workspace().tlsDir()));
        return apply(s.plan(), s.workspace().dir(), new RoleSettings(new LeaderOperator(http,
                layout.masters().stream().map(ClusterLayout::mesosUrl).toList())), progress);
    }

    static Outcome apply(Plan plan, Path workspaceDir, RoleSettings master, Progress progress) {
        Map<String, ClusterRole> applied = RolesApplied.read(workspaceDir);
        if (plan.cluster().roles().isEmpty() && applied.isEmpty()) {
            return new Outcome(0, 0, List.of());
        }
        try {
            Map<String, ClusterRole> current = master.current();
            List<Planned> changes = RoleChanges.of(plan.cluster(), current, applied.keySet());
            List<Planned> pending = changes.stream().filter(p -> p.change().action() != Action.NO_OP).toList();
            List<ClusterRole> wanted = pending.stream().map(p -> ((Target.Role) p.target()).role()).toList();
            master.updateWeights(wanted.stream().filter(r -> RoleChanges.weightDiffers(now(current, r), r)).toList());
            master.updateQuota(wanted.stream().filter(r -> RoleChanges.quotaDiffers(now(current, r), r)).toList());
            RolesApplied.write(workspaceDir, plan.cluster().roles());
            int unchanged = changes.size() - pending.size();
            if (pending.isEmpty()) {
                progress.finished(SUBJECT, "unchanged", unchanged + " role(s) as the plan says");
            }
            for (Planned p : pending) {
                progress.finished(p.change().address(), verb(p.change().action()), p.change().summary()
                        + (p.change().reason() == null ? "" : " (" + p.change().reason() + ")"));
            }
            return new Outcome(pending.size(), unchanged, List.of());
        } catch (IOException e) {
            progress.failed(SUBJECT, "set", e.getMessage());
            return new Outcome(0, 0, List.of(new Outcome.Failure(SUBJECT, "weights and quota not set: "
                    + e.getMessage())));
        }
    }

    private static ClusterRole now(Map<String, ClusterRole> current, ClusterRole role) {
        return current.getOrDefault(role.name(), RoleChanges.unset(role.name()));
    }

    private static String verb(Action action) {
        return switch (action) {
            case CREATE -> "set";
            case DELETE -> "reset";
            default -> "updated";
        };
    }
}
