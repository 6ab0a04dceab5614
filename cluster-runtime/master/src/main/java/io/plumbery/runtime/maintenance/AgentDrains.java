package io.plumbery.runtime.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator decided about single agents (DRAIN_AGENT, DEACTIVATE_AGENT, MARK_AGENT_GONE), kept by agent id as
 * Mesos keeps it in its registry, so that it outlives the agent's re-registration. Not thread-safe: master's lock.
 */
public final class AgentDrains {

    /** mesos.v1.DrainState. */
    public enum State { DRAINING, DRAINED }

    /** mesos.v1.DrainInfo: the state and the operator's DrainConfig. */
    public record DrainInfo(State state, Long maxGracePeriodNanos, boolean markGone) {
        public ObjectNode toJson() {
            ObjectNode o = Json.object().put("state", state.name());
            ObjectNode config = o.putObject("config");
            if (maxGracePeriodNanos != null) {
                config.putObject("max_grace_period").put("nanoseconds", maxGracePeriodNanos);
            }
            config.put("mark_gone", markGone);
            return o;
        }

        static DrainInfo of(JsonNode node) {
            JsonNode grace = node.path("config").path("max_grace_period").path("nanoseconds");
            return new DrainInfo(State.valueOf(node.path("state").asText()),
                    grace.isMissingNode() ? null : grace.asLong(), node.path("config").path("mark_gone").asBoolean());
        }
    }

    private final Set<String> deactivated = new LinkedHashSet<>();
    private final Map<String, DrainInfo> draining = new LinkedHashMap<>();
    private final Set<String> gone = new LinkedHashSet<>();

    /** Deactivated agents get no offers (draining ones are deactivated too). */
    public boolean deactivated(String agentId) {
        return deactivated.contains(agentId);
    }

    public Optional<DrainInfo> drainInfo(String agentId) {
        return Optional.ofNullable(draining.get(agentId));
    }

    public boolean gone(String agentId) {
        return gone.contains(agentId);
    }

    public void deactivate(String agentId) {
        deactivated.add(agentId);
    }

    /** Active again, and no longer draining. */
    public void reactivate(String agentId) {
        deactivated.remove(agentId);
        draining.remove(agentId);
    }

    public void drain(String agentId, Long maxGracePeriodNanos, boolean markGone) {
        deactivated.add(agentId);
        draining.put(agentId, new DrainInfo(State.DRAINING, maxGracePeriodNanos, markGone));
    }

    public void drained(String agentId) {
        draining.computeIfPresent(agentId, (id, d) -> new DrainInfo(State.DRAINED, d.maxGracePeriodNanos(), d.markGone()));
    }

    public void markGone(String agentId) {
        gone.add(agentId);
        deactivated.remove(agentId);
        draining.remove(agentId);
    }

    /** Agents still DRAINING (not yet DRAINED). */
    public Set<String> drainingAgents() {
        Set<String> out = new LinkedHashSet<>();
        draining.forEach((id, d) -> {
            if (d.state() == State.DRAINING) {
                out.add(id);
            }
        });
        return out;
    }

    /** For the registry. */
    public JsonNode snapshot() {
        ObjectNode o = Json.object();
        ArrayNode off = o.putArray("deactivated");
        deactivated.forEach(off::add);
        ObjectNode drains = o.putObject("draining");
        draining.forEach((id, d) -> drains.set(id, d.toJson()));
        ArrayNode goneList = o.putArray("gone");
        gone.forEach(goneList::add);
        return o;
    }

    public static AgentDrains restore(JsonNode snapshot) {
        AgentDrains d = new AgentDrains();
        snapshot.path("deactivated").forEach(id -> d.deactivated.add(id.asText()));
        snapshot.path("draining").fields().forEachRemaining(e -> d.draining.put(e.getKey(), DrainInfo.of(e.getValue())));
        snapshot.path("gone").forEach(id -> d.gone.add(id.asText()));
        return d;
    }
}
