package io.plumbery.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.MasterInfo;
import io.plumbery.runtime.protocol.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the leading master keeps across failovers, as Mesos's {@code registry.proto} holds it: the most recent leader,
 * admitted agents, unreachable and gone agents (oldest first), plus the frameworks removed (torn down or past their
 * failover timeout, which may not subscribe again) and three opaque {@link Section}s. Immutable; every change is a
 * new value, which the {@link Registrar} writes.
 */
public record Registry(MasterInfo master, List<AdmittedAgent> agents, List<Mark> unreachable, List<Mark> gone,
                       List<Mark> removedFrameworks, JsonNode maintenance, JsonNode quota, JsonNode weights) {

    public static final Registry EMPTY = new Registry(null, List.of(), List.of(), List.of(), List.of(), null, null, null);

    public Registry {
        agents = agents == null ? List.of() : List.copyOf(agents);
        unreachable = unreachable == null ? List.of() : List.copyOf(unreachable);
        gone = gone == null ? List.of() : List.copyOf(gone);
        removedFrameworks = removedFrameworks == null ? List.of() : List.copyOf(removedFrameworks);
    }

    public Registry withMaster(MasterInfo leader) {
        return new Registry(leader, agents, unreachable, gone, removedFrameworks, maintenance, quota, weights);
    }

    /** Admits an agent, or admits it again (reachable again, or with a new AgentInfo or endpoint). */
    public Registry admit(AdmittedAgent agent) {
        List<AdmittedAgent> admitted = new ArrayList<>(agents);
        admitted.removeIf(a -> a.id().equals(agent.id()));
        admitted.add(agent);
        return new Registry(master, admitted, without(unreachable, Set.of(agent.id())), gone, removedFrameworks,
                maintenance, quota, weights);
    }

    /** Moves admitted agents to the unreachable list (Mesos's MarkSlaveUnreachable). */
    public Registry markUnreachable(Collection<String> ids, TaskStatus.TimeInfo time) {
        List<Mark> marks = new ArrayList<>(without(unreachable, ids));
        ids.forEach(id -> marks.add(new Mark(id, time)));
        return new Registry(master, withoutAgents(ids), marks, gone, removedFrameworks, maintenance, quota, weights);
    }

    /** Marks an agent gone (Mesos's MarkSlaveGone): it is no longer admitted or unreachable, and may not come back. */
    public Registry markGone(Mark mark) {
        Set<String> id = Set.of(mark.id());
        List<Mark> marks = new ArrayList<>(without(gone, id));
        marks.add(mark);
        return new Registry(master, withoutAgents(id), without(unreachable, id), marks, removedFrameworks, maintenance,
                quota, weights);
    }

    public Registry removeFramework(Mark mark) {
        List<Mark> marks = new ArrayList<>(without(removedFrameworks, Set.of(mark.id())));
        marks.add(mark);
        return new Registry(master, agents, unreachable, gone, marks, maintenance, quota, weights);
    }

    public Registry with(Section section, JsonNode value) {
        return switch (section) {
            case MAINTENANCE -> new Registry(master, agents, unreachable, gone, removedFrameworks, value, quota, weights);
            case QUOTA -> new Registry(master, agents, unreachable, gone, removedFrameworks, maintenance, value, weights);
            case WEIGHTS -> new Registry(master, agents, unreachable, gone, removedFrameworks, maintenance, quota, value);
        };
    }

    public Optional<JsonNode> section(Section section) {
        return Optional.ofNullable(switch (section) {
            case MAINTENANCE -> maintenance;
            case QUOTA -> quota;
            case WEIGHTS -> weights;
        });
    }

    /**
     * The unreachable and gone lists without entries older than {@code maxAge} and, of the rest, only the newest
     * {@code maxCount} each (Mesos's {@code --registry_max_agent_age} and {@code --registry_max_agent_count}).
     */
    public Registry pruned(Duration maxAge, int maxCount, long nowNanos) {
        return new Registry(master, agents, prune(unreachable, maxAge, maxCount, nowNanos),
                prune(gone, maxAge, maxCount, nowNanos), removedFrameworks, maintenance, quota, weights);
    }

    private static List<Mark> prune(List<Mark> marks, Duration maxAge, int maxCount, long nowNanos) {
        long oldest = nowNanos - maxAge.toNanos();
        List<Mark> kept = marks.stream().filter(m -> m.timestamp().nanoseconds() >= oldest).toList();
        return kept.subList(Math.max(0, kept.size() - maxCount), kept.size());
    }

    private List<AdmittedAgent> withoutAgents(Collection<String> ids) {
        return agents.stream().filter(a -> !ids.contains(a.id())).toList();
    }

    private static List<Mark> without(List<Mark> marks, Collection<String> ids) {
        return marks.stream().filter(m -> !ids.contains(m.id())).toList();
    }
}
