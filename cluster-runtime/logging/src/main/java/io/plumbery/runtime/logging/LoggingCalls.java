package io.plumbery.runtime.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.protocol.Json;
import java.time.Duration;

/**
 * v1 {@code GET_LOGGING_LEVEL} and {@code SET_LOGGING_LEVEL}, of the master's and the agent's API alike, answered as
 * Mesos answers them (SET: 200 with no body). Whether the principal may set the level ({@code set_log_level}) is the
 * caller's ACLs' to say, before this.
 */
public final class LoggingCalls {
    private final VerboseLevel level;

    public LoggingCalls(VerboseLevel level) {
        this.level = level;
    }

    /** Answers the call and returns true when it is one of these two; false, answering nothing, otherwise. */
    public boolean answer(String type, JsonNode call, Exchange ex) {
        switch (type) {
            case "GET_LOGGING_LEVEL" -> {
                ObjectNode out = Json.object().put("type", type);
                out.putObject("get_logging_level").put("level", level.level());
                ex.json(200, out);
            }
            case "SET_LOGGING_LEVEL" -> {
                JsonNode set = call.path("set_logging_level");
                JsonNode nanos = set.path("duration").path("nanoseconds");
                if (!set.path("level").canConvertToLong() || set.path("level").asLong() < 0
                        || set.path("level").asLong() > Integer.MAX_VALUE || !nanos.canConvertToLong()) {
                    ex.text(400, "Expecting 'set_logging_level' to be present");
                } else {
                    level.set(set.path("level").asInt(), Duration.ofNanos(nanos.asLong()));
                    ex.empty(200);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
