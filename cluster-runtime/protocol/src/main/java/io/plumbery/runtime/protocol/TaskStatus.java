package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/** mesos.v1.TaskStatus. {@code uuid} and {@code data} are protobuf bytes, base64 in JSON. */
public record TaskStatus(Id taskId, TaskState state, String message, String source, String reason, String data,
                         Id agentId, Id executorId, Double timestamp, String uuid, Boolean healthy, JsonNode labels,
                         JsonNode containerStatus, TimeInfo unreachableTime) {

    public static final String SOURCE_MASTER = "SOURCE_MASTER";
    public static final String SOURCE_AGENT = "SOURCE_AGENT";
    public static final String SOURCE_EXECUTOR = "SOURCE_EXECUTOR";

    public record TimeInfo(long nanoseconds) {
    }

    public static TaskStatus of(Id taskId, TaskState state, Id agentId, String source, String reason, String message,
                                boolean withUuid) {
        return new TaskStatus(taskId, state, message, source, reason, null, agentId, null,
                System.currentTimeMillis() / 1000.0, withUuid ? newUuid() : null, null, null, null, null);
    }

    public static String newUuid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The same status as re-sent by the master for reconciliation: no uuid, reason REASON_RECONCILIATION. */
    public TaskStatus forReconciliation() {
        return new TaskStatus(taskId, state, message, SOURCE_MASTER, "REASON_RECONCILIATION", data, agentId, executorId,
                System.currentTimeMillis() / 1000.0, null, healthy, labels, containerStatus, unreachableTime);
    }

    public TaskStatus withHealthy(Boolean isHealthy) {
        return new TaskStatus(taskId, state, message, source, reason, data, agentId, executorId, timestamp, uuid,
                isHealthy, labels, containerStatus, unreachableTime);
    }

    public TaskStatus withState(TaskState newState, String newReason) {
        return new TaskStatus(taskId, newState, message, source, newReason, data, agentId, executorId, timestamp, uuid,
                healthy, labels, containerStatus, unreachableTime);
    }

    public TaskStatus withExecutorId(Id id) {
        return new TaskStatus(taskId, state, message, source, reason, data, agentId, id, timestamp, uuid, healthy,
                labels, containerStatus, unreachableTime);
    }
}
