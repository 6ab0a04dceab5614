package io.plumbery.runtime.registry;

import io.plumbery.runtime.protocol.TaskStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leading master's copy of what its registry says beyond the agents registered with it (Mesos's
 * {@code slaves.recovered}, {@code unreachable}, {@code gone}, its in-flight {@code reregistering} and
 * {@code markingUnreachable}), the frameworks removed, and the explicit reconciliations held until the agents they
 * name come back or time out. Guarded by the master state's lock; emptied when the master is elected or demoted.
 */
public final class RegistryState {
    /** Why an agent registers: first time, back after the failover, back from unreachable, or again with this leader. */
    public enum Return { NEW, RECOVERED, UNREACHABLE, REGISTERED }

    /** An explicit reconciliation of a task on an agent not yet known to be up or down ({@code agentId} may be null). */
    public record Held(String frameworkId, String taskId, String agentId) {
    }

    private static final String ANY_AGENT = "";

    private final Map<String, AdmittedAgent> recovering = new LinkedHashMap<>();
    private final Map<String, TaskStatus.TimeInfo> unreachable = new LinkedHashMap<>();
    private final Map<String, TaskStatus.TimeInfo> gone = new LinkedHashMap<>();
    private final Set<String> removedFrameworks = new HashSet<>();
    private final Set<String> registering = new HashSet<>();
    private final Set<String> markingUnreachable = new HashSet<>();
    private final Map<String, Set<Held>> held = new LinkedHashMap<>();
    private long term;

    /** Installs a registry just recovered by a new leader: its admitted agents are recovering until they re-register. */
    public void recover(Registry registry) {
        clear();
        term++;
        registry.agents().forEach(a -> recovering.put(a.id(), a));
        registry.unreachable().forEach(m -> unreachable.put(m.id(), m.timestamp()));
        registry.gone().forEach(m -> gone.put(m.id(), m.timestamp()));
        registry.removedFrameworks().forEach(m -> removedFrameworks.add(m.id()));
    }

    public void clear() {
        recovering.clear();
        unreachable.clear();
        gone.clear();
        removedFrameworks.clear();
        registering.clear();
        markingUnreachable.clear();
        held.clear();
    }

    /** Counts elections, so that a timer of an earlier term does nothing. */
    public long term() {
        return term;
    }

    public Collection<AdmittedAgent> recovering() {
        return List.copyOf(recovering.values());
    }

    public boolean isRecovering(String agentId) {
        return recovering.containsKey(agentId);
    }

    public boolean anyRecovering() {
        return !recovering.isEmpty();
    }

    public Optional<TaskStatus.TimeInfo> unreachableSince(String agentId) {
        return Optional.ofNullable(unreachable.get(agentId));
    }

    public int unreachableCount() {
        return unreachable.size();
    }

    public boolean isGone(String agentId) {
        return gone.containsKey(agentId);
    }

    public boolean isRemovedFramework(String frameworkId) {
        return removedFrameworks.contains(frameworkId);
    }

    public void frameworkRemoved(String frameworkId) {
        removedFrameworks.add(frameworkId);
    }

    /** An agent starts registering; false while it is being marked unreachable (it must try again, as in Mesos). */
    public boolean startRegistering(String agentId) {
        if (markingUnreachable.contains(agentId)) {
            return false;
        }
        registering.add(agentId);
        return true;
    }

    /** The registry admitted the registering agent: where it comes back from. */
    public Return registered(String agentId, boolean knownHere) {
        registering.remove(agentId);
        Return from = knownHere ? Return.REGISTERED : recovering.containsKey(agentId) ? Return.RECOVERED
                : unreachable.containsKey(agentId) ? Return.UNREACHABLE : Return.NEW;
        recovering.remove(agentId);
        unreachable.remove(agentId);
        return from;
    }

    public void registrationFailed(String agentId) {
        registering.remove(agentId);
    }

    /** Whether this agent may now be marked unreachable (not registering, not already being marked); marks it. */
    public boolean startMarkingUnreachable(String agentId) {
        return !registering.contains(agentId) && markingUnreachable.add(agentId);
    }

    /**
     * The recovered agents that have not re-registered (nor started to): they are now being marked unreachable, and
     * stay recovering (reconciliations of their tasks held) until they are.
     */
    public List<AdmittedAgent> takeRecoveringForTimeout() {
        List<AdmittedAgent> missing = new ArrayList<>();
        for (AdmittedAgent agent : recovering()) {
            if (startMarkingUnreachable(agent.id())) {
                missing.add(agent);
            }
        }
        return missing;
    }

    public void markedUnreachable(String agentId, TaskStatus.TimeInfo time) {
        markingUnreachable.remove(agentId);
        recovering.remove(agentId);
        unreachable.put(agentId, time);
    }

    /** The registry marks the agent gone (MARK_AGENT_GONE): it is no longer recovering or unreachable, nor may return. */
    public void markedGone(String agentId, TaskStatus.TimeInfo time) {
        recovering.remove(agentId);
        unreachable.remove(agentId);
        gone.put(agentId, time);
    }

    /** Holds an explicit reconciliation until its agent (or, without an agent id, every recovering agent) is settled. */
    public void hold(Held reconciliation) {
        String key = reconciliation.agentId() == null ? ANY_AGENT : reconciliation.agentId();
        held.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(reconciliation);
    }

    /** The reconciliations that can be answered now that this agent is back or unreachable. */
    public List<Held> release(String agentId) {
        List<Held> out = new ArrayList<>(held.getOrDefault(agentId, Set.of()));
        held.remove(agentId);
        if (recovering.isEmpty()) {
            out.addAll(held.getOrDefault(ANY_AGENT, Set.of()));
            held.remove(ANY_AGENT);
        }
        return out;
    }
}
