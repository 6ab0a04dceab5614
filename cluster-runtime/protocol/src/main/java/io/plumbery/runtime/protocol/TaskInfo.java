package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** mesos.v1.TaskInfo: the fields the master and command executor use, the rest passes through unchanged. */
public record TaskInfo(String name, Id taskId, Id agentId, List<Resource> resources, JsonNode executor,
                       CommandInfo command, JsonNode container, JsonNode healthCheck, JsonNode check,
                       KillPolicy killPolicy, String data, JsonNode labels, JsonNode discovery,
                       DurationInfo maxCompletionTime) {

    public record KillPolicy(DurationInfo gracePeriod) {
    }

    public record DurationInfo(long nanoseconds) {
    }
}
