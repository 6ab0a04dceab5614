package io.plumbery.runtime.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.plumbery.runtime.protocol.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inverse offers outstanding for agents on DRAINING machines, and each framework's last answer (mesos.v1.master
 * InverseOfferStatus), which maintenance status shows. Like Mesos, the master forgets them on failover and sends new
 * ones. Not thread-safe: master's lock.
 */
public final class InverseOffers {

    /** mesos.v1.master.InverseOfferStatus.Status. */
    public enum Status { UNKNOWN, ACCEPT, DECLINE }

    /** An inverse offer not answered yet. */
    public record Outstanding(String id, String frameworkId, String agentId) {
    }

    private record Answer(Status status, long timestampNanos) {
    }

    private final String prefix;
    private long sequence;
    private final Map<String, Outstanding> outstanding = new LinkedHashMap<>();
    private final Map<String, Map<String, Answer>> statuses = new LinkedHashMap<>();
    private final Map<String, Long> refusedUntil = new HashMap<>();

    public InverseOffers(String prefix) {
        this.prefix = prefix;
    }

    /** Whether the framework should get an inverse offer for the agent now (none outstanding, not refused). */
    public boolean due(String frameworkId, String agentId, long nowMillis) {
        Long until = refusedUntil.get(frameworkId + "/" + agentId);
        return (until == null || until <= nowMillis) && outstanding.values().stream()
                .noneMatch(o -> o.frameworkId().equals(frameworkId) && o.agentId().equals(agentId));
    }

    /** A new inverse offer; the framework's status for the agent is UNKNOWN until it answers. */
    public Outstanding offer(String frameworkId, String agentId, long nowMillis) {
        Outstanding o = new Outstanding(prefix + "-I" + sequence++, frameworkId, agentId);
        outstanding.put(o.id(), o);
        statuses.computeIfAbsent(agentId, a -> new LinkedHashMap<>())
                .putIfAbsent(frameworkId, new Answer(Status.UNKNOWN, nowMillis * 1_000_000L));
        return o;
    }

    /** ACCEPT_INVERSE_OFFERS / DECLINE_INVERSE_OFFERS of this framework; unknown ids are ignored, as Mesos does. */
    public Optional<Outstanding> answer(String id, String frameworkId, boolean accepted, double refuseSeconds,
                                        long nowMillis) {
        Outstanding o = outstanding.get(id);
        if (o == null || !o.frameworkId().equals(frameworkId)) {
            return Optional.empty();
        }
        outstanding.remove(id);
        statuses.computeIfAbsent(o.agentId(), a -> new LinkedHashMap<>()).put(frameworkId,
                new Answer(accepted ? Status.ACCEPT : Status.DECLINE, nowMillis * 1_000_000L));
        refusedUntil.put(frameworkId + "/" + o.agentId(), nowMillis + (long) (refuseSeconds * 1000));
        return Optional.of(o);
    }

    /** The agent's machine is no longer DRAINING: its inverse offers and statuses go; returns those to rescind. */
    public List<Outstanding> forget(String agentId) {
        List<Outstanding> gone = new ArrayList<>();
        outstanding.values().removeIf(o -> {
            boolean match = o.agentId().equals(agentId);
            if (match) {
                gone.add(o);
            }
            return match;
        });
        statuses.remove(agentId);
        refusedUntil.keySet().removeIf(k -> k.endsWith("/" + agentId));
        return gone;
    }

    /** The frameworks' answers for this agent, as InverseOfferStatus JSON. */
    public ArrayNode statuses(String agentId) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        statuses.getOrDefault(agentId, Map.of()).forEach((fw, a) -> {
            var s = list.addObject().put("status", a.status().name());
            s.putObject("framework_id").put("value", fw);
            s.putObject("timestamp").put("nanoseconds", a.timestampNanos());
        });
        return list;
    }

    public List<Outstanding> outstanding() {
        return List.copyOf(outstanding.values());
    }
}
