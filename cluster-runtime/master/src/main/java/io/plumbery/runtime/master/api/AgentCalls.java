package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.master.AgentControl;
import io.plumbery.runtime.master.OperatorRecords;
import io.plumbery.runtime.master.Refusal;
import java.util.Optional;

/** The v1 operator calls on one agent: DRAIN_AGENT, DEACTIVATE_AGENT, REACTIVATE_AGENT, MARK_AGENT_GONE. */
public final class AgentCalls implements OperatorCalls {
    private final AgentControl control;
    private final OperatorRecords records;

    public AgentCalls(AgentControl control, OperatorRecords records) {
        this.control = control;
        this.records = records;
    }

    @Override
    public boolean answer(String type, JsonNode call, Exchange ex) {
        String field = type.toLowerCase(java.util.Locale.ROOT);
        JsonNode body = call.path(field);
        String agentId = body.path("agent_id").path("value").asText("");
        Optional<Refusal> refused;
        switch (type) {
            case "DRAIN_AGENT", "DEACTIVATE_AGENT", "REACTIVATE_AGENT", "MARK_AGENT_GONE" -> {
                if (agentId.isEmpty()) {
                    ex.text(400, "Expecting '" + field + "' to be present");
                    return true;
                }
                refused = switch (type) {
                    case "DRAIN_AGENT" -> {
                        JsonNode grace = body.path("max_grace_period").path("nanoseconds");
                        yield control.drain(agentId, grace.isMissingNode() ? null : grace.asLong(),
                                body.path("mark_gone").asBoolean(false));
                    }
                    case "DEACTIVATE_AGENT" -> control.deactivate(agentId);
                    case "REACTIVATE_AGENT" -> control.reactivate(agentId);
                    default -> control.markGone(agentId);
                };
            }
            default -> {
                return false;
            }
        }
        Methods.storedOr(ex, records, refused);
        return true;
    }
}
