package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** mesos.v1.Task as the v1 operator API returns it. */
public record Task(String name, Id taskId, Id frameworkId, Id executorId, Id agentId, TaskState state,
                   List<Resource> resources, List<TaskStatus> statuses, TaskState statusUpdateState,
                   String statusUpdateUuid, JsonNode labels, JsonNode discovery, JsonNode container,
                   JsonNode healthCheck, TaskInfo.KillPolicy killPolicy, String user) {
}
