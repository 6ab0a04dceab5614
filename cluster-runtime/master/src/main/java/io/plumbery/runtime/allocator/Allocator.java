package io.plumbery.runtime.allocator;

import io.plumbery.runtime.protocol.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hierarchical DRF allocator: for each active agent with free resources, roles are sorted by weighted DRF (those
 * below their quota guarantee first), then the role's frameworks by DRF, and the first framework that is active, not
 * suppressed and not filtered for that agent is granted the agent's free resources, within its role's quota limit. A
 * framework subscribed to several roles (MULTI_ROLE) takes part in each of them, with what it holds in each role
 * counted in that role. Not thread-safe: the master calls it under its lock.
 */
public final class Allocator {

    /** Resources granted to a framework on an agent for one of its roles (becomes an offer). */
    public record Grant(String frameworkId, String agentId, String role, Resources resources) {
    }

    private static final class AgentSlot {
        Resources total;
        Resources allocated = Resources.EMPTY;
        /** framework id, then role, to what it holds here */
        final Map<String, Map<String, Resources>> byFramework = new HashMap<>();

        AgentSlot(Resources total) {
            this.total = total;
        }
    }

    private static final class FrameworkSlot {
        List<String> roles;
        boolean active;
        /** the roles it asked no offers for (SUPPRESS), as Mesos keeps them per role */
        final Set<String> suppressed = new HashSet<>();
        Resources allocated = Resources.EMPTY;
        final Map<String, Resources> byRole = new HashMap<>();
        long allocations;

        FrameworkSlot(List<String> roles) {
            this.roles = List.copyOf(roles);
        }

        Resources in(String role) {
            return byRole.getOrDefault(role, Resources.EMPTY);
        }
    }

    private final Map<String, AgentSlot> agents = new LinkedHashMap<>();
    private final Map<String, FrameworkSlot> frameworks = new LinkedHashMap<>();
    private final Map<String, Resources> roleAllocated = new HashMap<>();
    private final DeclineFilters filters = new DeclineFilters();
    private final Set<String> inactiveAgents = new HashSet<>();
    private Resources total = Resources.EMPTY;
    private final Weights weights;
    private final Quotas quotas;

    public Allocator() {
        this(new Weights(), new Quotas());
    }

    /** An allocator with the operator's weights and quotas (restored from the registry, or new). */
    public Allocator(Weights weights, Quotas quotas) {
        this.weights = weights;
        this.quotas = quotas;
    }

    public void addFramework(String frameworkId, String role, boolean active) {
        addFramework(frameworkId, List.of(role), active);
    }

    /** Adds a framework, or gives a known one the roles it subscribed with now. */
    public void addFramework(String frameworkId, List<String> roles, boolean active) {
        FrameworkSlot slot = frameworks.computeIfAbsent(frameworkId, id -> new FrameworkSlot(roles));
        slot.roles = List.copyOf(roles);
        slot.active = active;
    }

    /**
     * UPDATE_FRAMEWORK with other roles: it is offered for these from now on; what it holds in a role it left stays
     * counted there until released, as in Mesos.
     */
    public void updateRoles(String frameworkId, List<String> roles) {
        FrameworkSlot slot = frameworks.get(frameworkId);
        if (slot != null) {
            slot.roles = List.copyOf(roles);
        }
    }

    public void activateFramework(String frameworkId, boolean active) {
        FrameworkSlot slot = frameworks.get(frameworkId);
        if (slot != null) {
            slot.active = active;
        }
    }

    /** SUPPRESS (every role of the framework) or REVIVE (its filters cleared too) without roles. */
    public void suppress(String frameworkId, boolean suppressed) {
        FrameworkSlot slot = frameworks.get(frameworkId);
        if (slot != null && suppressed) {
            slot.suppressed.addAll(slot.roles);
        } else if (slot != null) {
            slot.suppressed.clear();
        }
        if (!suppressed) {
            filters.clear(frameworkId);
        }
    }

    /** SUPPRESS or REVIVE of these roles only (Mesos's {@code suppress.roles}, {@code revive.roles}). */
    public void suppress(String frameworkId, List<String> roles, boolean suppressed) {
        FrameworkSlot slot = frameworks.get(frameworkId);
        if (slot != null && suppressed) {
            slot.suppressed.addAll(roles);
        } else if (slot != null) {
            slot.suppressed.removeAll(roles);
            filters.clear(frameworkId, roles);
        }
    }

    /** Removes a framework and frees everything allocated to it. */
    public void removeFramework(String frameworkId) {
        for (Map.Entry<String, AgentSlot> e : agents.entrySet()) {
            Map<String, Resources> held = e.getValue().byFramework.get(frameworkId);
            if (held != null) {
                new HashMap<>(held).forEach((role, res) -> release(frameworkId, e.getKey(), role, res));
            }
        }
        frameworks.remove(frameworkId);
        filters.clear(frameworkId);
    }

    /** Adds an agent with resources already used by running tasks (per framework, on re-registration). */
    public void addAgent(String agentId, Resources agentTotal, Map<String, Resources> used) {
        removeAgent(agentId);
        agents.put(agentId, new AgentSlot(agentTotal));
        total = total.plus(agentTotal.scalarsOnly());
        used.forEach((fw, res) -> {
            FrameworkSlot slot = frameworks.computeIfAbsent(fw, id -> new FrameworkSlot(List.of("*")));
            allocate(fw, agentId, slot.roles.get(0), res); // its tasks' roles are not known here: its first role
        });
    }

    public void removeAgent(String agentId) {
        AgentSlot slot = agents.get(agentId);
        if (slot == null) {
            return;
        }
        for (Map.Entry<String, Map<String, Resources>> e : new ArrayList<>(slot.byFramework.entrySet())) {
            new HashMap<>(e.getValue()).forEach((role, res) -> release(e.getKey(), agentId, role, res));
        }
        agents.remove(agentId);
        total = total.minus(slot.total.scalarsOnly());
    }

    /**
     * An inactive agent (deactivated, draining, on a machine going down) gets no offers; what it runs stays allocated.
     * Kept by agent id across the agent's re-registration.
     */
    public void activateAgent(String agentId, boolean active) {
        if (active) {
            inactiveAgents.remove(agentId);
        } else {
            inactiveAgents.add(agentId);
        }
    }

    /** Resources given back, counted in the framework's first role; see the overload with a role. */
    public void recover(String frameworkId, String agentId, Resources resources, double refuseSeconds, long nowMillis) {
        recover(frameworkId, agentId, null, resources, refuseSeconds, nowMillis);
    }

    /**
     * Resources given back (declined, unused part of an accept, finished task) with an optional filter.
     *
     * @param role the role they were allocated to (the offer's {@code allocation_info}); null for the framework's first
     */
    public void recover(String frameworkId, String agentId, String role, Resources resources, double refuseSeconds,
                        long nowMillis) {
        FrameworkSlot slot = frameworks.get(frameworkId);
        String in = role != null || slot == null ? role : slot.roles.get(0);
        release(frameworkId, agentId, in, resources);
        if (refuseSeconds > 0 && slot != null) {
            filters.add(frameworkId, in, agentId, nowMillis + (long) (refuseSeconds * 1000));
        }
    }

    public void revive(String frameworkId) {
        suppress(frameworkId, false);
    }

    public List<Grant> allocate(long nowMillis) {
        filters.expire(nowMillis);
        List<Grant> grants = new ArrayList<>();
        if (frameworks.values().stream().noneMatch(f -> f.active && !f.suppressed.containsAll(f.roles))) {
            return grants;
        }
        for (Map.Entry<String, AgentSlot> e : agents.entrySet()) {
            AgentSlot agent = e.getValue();
            if (inactiveAgents.contains(e.getKey())) {
                continue;
            }
            Set<String> granted = new HashSet<>(); // framework and role: one offer each per agent and cycle
            Resources free = agent.total.minus(agent.allocated);
            // a grant capped by its role's limit leaves the rest of the agent to the next role
            while (free.isAllocatable()) {
                Grant grant = choose(e.getKey(), free, granted, nowMillis);
                if (grant == null) {
                    break;
                }
                allocate(grant.frameworkId(), e.getKey(), grant.role(), grant.resources());
                frameworks.get(grant.frameworkId()).allocations++;
                grants.add(grant);
                granted.add(grant.frameworkId() + "\n" + grant.role());
                free = agent.total.minus(agent.allocated);
            }
        }
        return grants;
    }

    /**
     * Roles below their quota guarantee first, then the others, each group in weighted DRF order; the first role
     * whose limit leaves room gets the agent's free resources (capped by that limit), unless that would take what
     * other roles' unmet guarantees need and the role itself is not below its guarantee.
     */
    private Grant choose(String agentId, Resources free, Set<String> granted, long nowMillis) {
        Map<String, List<DrfSorter.Client>> byRole = new HashMap<>();
        for (Map.Entry<String, FrameworkSlot> f : frameworks.entrySet()) {
            FrameworkSlot slot = f.getValue();
            if (!slot.active) {
                continue;
            }
            for (String role : slot.roles) {
                if (!slot.suppressed.contains(role) && !granted.contains(f.getKey() + "\n" + role)
                        && !filters.isFiltered(f.getKey(), role, agentId, nowMillis)) {
                    byRole.computeIfAbsent(role, r -> new ArrayList<>())
                            .add(new DrfSorter.Client(f.getKey(), slot.in(role), 1.0, slot.allocations));
                }
            }
        }
        List<DrfSorter.Client> guaranteed = new ArrayList<>();
        List<DrfSorter.Client> others = new ArrayList<>();
        for (String r : byRole.keySet()) {
            (belowGuarantee(r) ? guaranteed : others).add(
                    new DrfSorter.Client(r, roleAllocated(r), weights.of(r), 0));
        }
        List<String> order = new ArrayList<>(DrfSorter.sort(guaranteed, total));
        order.addAll(DrfSorter.sort(others, total));
        for (String role : order) {
            Resources grant = withinLimit(role, free);
            if (!grant.isAllocatable() || (!belowGuarantee(role) && !leavesHeadroom(role, grant))) {
                continue;
            }
            String framework = DrfSorter.sort(byRole.get(role), total).get(0);
            return new Grant(framework, agentId, role, grant);
        }
        return null;
    }

    private Resources roleAllocated(String role) {
        return roleAllocated.getOrDefault(role, Resources.EMPTY);
    }

    private boolean belowGuarantee(String role) {
        Resources held = roleAllocated(role);
        return quotas.guarantees(role).entrySet().stream().anyMatch(g -> held.scalar(g.getKey()) < g.getValue());
    }

    /** The free resources, each scalar capped by the room left under the role's limit. */
    private Resources withinLimit(String role, Resources free) {
        Map<String, Double> limits = quotas.limits(role);
        if (limits.isEmpty()) {
            return free;
        }
        Resources held = roleAllocated(role);
        Map<String, Double> scalars = new TreeMap<>(free.scalars());
        limits.forEach((name, limit) -> scalars.computeIfPresent(name, (k, v) ->
                Math.min(v, Math.max(0.0, limit - held.scalar(k)))));
        scalars.values().removeIf(v -> v <= 0);
        return Resources.of(scalars, free.rangeMap());
    }

    /** Whether, after this grant, what is still free on active agents covers the other roles' unmet guarantees. */
    private boolean leavesHeadroom(String role, Resources grant) {
        Map<String, Double> needed = new HashMap<>();
        for (Quotas.Config c : quotas.configs()) {
            if (!c.role().equals(role)) {
                Resources held = roleAllocated(c.role());
                c.guarantees().forEach((k, v) -> needed.merge(k, Math.max(0.0, v - held.scalar(k)), Double::sum));
            }
        }
        if (needed.values().stream().allMatch(v -> v <= 0)) {
            return true;
        }
        Resources unallocated = Resources.EMPTY;
        for (Map.Entry<String, AgentSlot> e : agents.entrySet()) {
            if (!inactiveAgents.contains(e.getKey())) {
                unallocated = unallocated.plus(e.getValue().total.minus(e.getValue().allocated).scalarsOnly());
            }
        }
        Resources after = unallocated.minus(grant.scalarsOnly());
        return needed.entrySet().stream().allMatch(n -> after.scalar(n.getKey()) + 1e-9 >= n.getValue());
    }

    public Weights weights() {
        return weights;
    }

    public Quotas quotas() {
        return quotas;
    }

    /** Scalar resources allocated (offered or used) to a role. */
    public Resources allocatedToRole(String role) {
        return roleAllocated(role);
    }

    private void allocate(String frameworkId, String agentId, String role, Resources res) {
        AgentSlot agent = agents.get(agentId);
        FrameworkSlot fw = frameworks.get(frameworkId);
        if (agent == null || fw == null) {
            return;
        }
        agent.allocated = agent.allocated.plus(res);
        agent.byFramework.computeIfAbsent(frameworkId, id -> new HashMap<>()).merge(role, res, Resources::plus);
        fw.allocated = fw.allocated.plus(res.scalarsOnly());
        fw.byRole.merge(role, res.scalarsOnly(), Resources::plus);
        roleAllocated.merge(role, res.scalarsOnly(), Resources::plus);
    }

    private void release(String frameworkId, String agentId, String role, Resources res) {
        AgentSlot agent = agents.get(agentId);
        if (agent != null) {
            agent.allocated = agent.allocated.minus(res);
            Map<String, Resources> held = agent.byFramework.getOrDefault(frameworkId, new HashMap<>());
            Resources left = held.getOrDefault(role, Resources.EMPTY).minus(res);
            if (left.isEmpty()) {
                held.remove(role);
            } else {
                held.put(role, left);
            }
            if (held.isEmpty()) {
                agent.byFramework.remove(frameworkId);
            }
        }
        FrameworkSlot fw = frameworks.get(frameworkId);
        if (fw != null) {
            fw.allocated = fw.allocated.minus(res.scalarsOnly());
            fw.byRole.computeIfPresent(role, (r, held) -> held.minus(res.scalarsOnly()));
        }
        roleAllocated.computeIfPresent(role, (r, held) -> held.minus(res.scalarsOnly()));
    }

    /** Cluster total of scalar resources. */
    public Resources total() {
        return total;
    }

    /** Scalar resources allocated to a framework across all agents. */
    public Resources allocatedTo(String frameworkId) {
        FrameworkSlot fw = frameworks.get(frameworkId);
        return fw == null ? Resources.EMPTY : fw.allocated;
    }

    public Resources allocatedOn(String agentId) {
        AgentSlot agent = agents.get(agentId);
        return agent == null ? Resources.EMPTY : agent.allocated;
    }

    public int agentCount() {
        return agents.size();
    }
}
