package io.plumbery.runtime.allocator;

import io.plumbery.runtime.protocol.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hierarchical DRF allocator: for each agent with free resources, roles are sorted by DRF, then the role's
 * frameworks by DRF, and the first framework that is active, not suppressed and not filtered for that agent is
 * granted all the agent's free resources. Not thread-safe: the master calls it under its lock.
 */
public final class Allocator {

    /** Resources granted to a framework on an agent (becomes an offer). */
    public record Grant(String frameworkId, String agentId, String role, Resources resources) {
    }

    private static final class AgentSlot {
        Resources total;
        Resources allocated = Resources.EMPTY;
        final Map<String, Resources> byFramework = new HashMap<>();

        AgentSlot(Resources total) {
            this.total = total;
        }
    }

    private static final class FrameworkSlot {
        final String role;
        boolean active;
        boolean suppressed;
        Resources allocated = Resources.EMPTY;
        long allocations;

        FrameworkSlot(String role) {
            this.role = role;
        }
    }

    private final Map<String, AgentSlot> agents = new LinkedHashMap<>();
    private final Map<String, FrameworkSlot> frameworks = new LinkedHashMap<>();
    private final Map<String, Resources> roleAllocated = new HashMap<>();
    private final DeclineFilters filters = new DeclineFilters();
    private final java.util.Set<String> inactiveAgents = new java.util.HashSet<>();
    private Resources total = Resources.EMPTY;

    public void addFramework(String frameworkId, String role, boolean active) {
        FrameworkSlot slot = frameworks.computeIfAbsent(frameworkId, id -> new FrameworkSlot(role));
        slot.active = active;
    }

    public void activateFramework(String frameworkId, boolean active) {
        FrameworkSlot slot = frameworks.get(frameworkId);
        if (slot != null) {
            slot.active = active;
        }
    }

    public void suppress(String frameworkId, boolean suppressed) {
        FrameworkSlot slot = frameworks.get(frameworkId);
        if (slot != null) {
            slot.suppressed = suppressed;
        }
        if (!suppressed) {
            filters.clear(frameworkId);
        }
    }

    /** Removes a framework and frees everything allocated to it. */
    public void removeFramework(String frameworkId) {
        for (Map.Entry<String, AgentSlot> e : agents.entrySet()) {
            Resources held = e.getValue().byFramework.get(frameworkId);
            if (held != null) {
                release(frameworkId, e.getKey(), held);
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
            frameworks.computeIfAbsent(fw, id -> new FrameworkSlot("*"));
            allocate(fw, agentId, res);
        });
    }

    public void removeAgent(String agentId) {
        AgentSlot slot = agents.get(agentId);
        if (slot == null) {
            return;
        }
        for (Map.Entry<String, Resources> e : new ArrayList<>(slot.byFramework.entrySet())) {
            release(e.getKey(), agentId, e.getValue());
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

    /** Resources given back (declined, unused part of an accept, finished task) with an optional filter. */
    public void recover(String frameworkId, String agentId, Resources resources, double refuseSeconds, long nowMillis) {
        release(frameworkId, agentId, resources);
        if (refuseSeconds > 0 && frameworks.containsKey(frameworkId)) {
            filters.add(frameworkId, agentId, nowMillis + (long) (refuseSeconds * 1000));
        }
    }

    public void revive(String frameworkId) {
        suppress(frameworkId, false);
    }

    public List<Grant> allocate(long nowMillis) {
        filters.expire(nowMillis);
        List<Grant> grants = new ArrayList<>();
        if (frameworks.values().stream().noneMatch(f -> f.active && !f.suppressed)) {
            return grants;
        }
        for (Map.Entry<String, AgentSlot> e : agents.entrySet()) {
            AgentSlot agent = e.getValue();
            if (inactiveAgents.contains(e.getKey())) {
                continue;
            }
            Resources free = agent.total.minus(agent.allocated);
            if (!free.isAllocatable()) {
                continue;
            }
            String chosen = choose(e.getKey(), nowMillis);
            if (chosen != null) {
                allocate(chosen, e.getKey(), free);
                frameworks.get(chosen).allocations++;
                grants.add(new Grant(chosen, e.getKey(), frameworks.get(chosen).role, free));
            }
        }
        return grants;
    }

    private String choose(String agentId, long nowMillis) {
        Map<String, List<DrfSorter.Client>> byRole = new HashMap<>();
        for (Map.Entry<String, FrameworkSlot> f : frameworks.entrySet()) {
            FrameworkSlot slot = f.getValue();
            if (slot.active && !slot.suppressed && !filters.isFiltered(f.getKey(), agentId, nowMillis)) {
                byRole.computeIfAbsent(slot.role, r -> new ArrayList<>())
                        .add(new DrfSorter.Client(f.getKey(), slot.allocated, 1.0, slot.allocations));
            }
        }
        if (byRole.isEmpty()) {
            return null;
        }
        List<DrfSorter.Client> roles = new ArrayList<>();
        byRole.keySet().forEach(r -> roles.add(new DrfSorter.Client(r, roleAllocated.getOrDefault(r, Resources.EMPTY), 1.0, 0)));
        String role = DrfSorter.sort(roles, total).get(0);
        return DrfSorter.sort(byRole.get(role), total).get(0);
    }

    private void allocate(String frameworkId, String agentId, Resources res) {
        AgentSlot agent = agents.get(agentId);
        FrameworkSlot fw = frameworks.get(frameworkId);
        if (agent == null || fw == null) {
            return;
        }
        agent.allocated = agent.allocated.plus(res);
        agent.byFramework.merge(frameworkId, res, Resources::plus);
        fw.allocated = fw.allocated.plus(res.scalarsOnly());
        roleAllocated.merge(fw.role, res.scalarsOnly(), Resources::plus);
    }

    private void release(String frameworkId, String agentId, Resources res) {
        AgentSlot agent = agents.get(agentId);
        if (agent != null) {
            agent.allocated = agent.allocated.minus(res);
            Resources left = agent.byFramework.getOrDefault(frameworkId, Resources.EMPTY).minus(res);
            if (left.isEmpty()) {
                agent.byFramework.remove(frameworkId);
            } else {
                agent.byFramework.put(frameworkId, left);
            }
        }
        FrameworkSlot fw = frameworks.get(frameworkId);
        if (fw != null) {
            fw.allocated = fw.allocated.minus(res.scalarsOnly());
            roleAllocated.computeIfPresent(fw.role, (r, held) -> held.minus(res.scalarsOnly()));
        }
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
