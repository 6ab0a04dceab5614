package io.plumbery.runtime.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;

/** mesos.v1.Unavailability: from {@code start} for {@code duration} (absent: indefinitely), in nanoseconds. */
public record Unavailability(long startNanos, Long durationNanos) {

    public static Unavailability of(JsonNode node) {
        JsonNode duration = node.path("duration").path("nanoseconds");
        return new Unavailability(node.path("start").path("nanoseconds").asLong(),
                duration.isMissingNode() || duration.isNull() ? null : duration.asLong());
    }

    /** Why it is not valid (Mesos's validation), or null. */
    public String invalid() {
        return durationNanos != null && durationNanos < 0 ? "Unavailability 'duration' is negative" : null;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.putObject("start").put("nanoseconds", startNanos);
        if (durationNanos != null) {
            o.putObject("duration").put("nanoseconds", durationNanos);
        }
        return o;
    }
}
