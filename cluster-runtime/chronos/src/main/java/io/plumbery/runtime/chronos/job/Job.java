package io.plumbery.runtime.chronos.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Chronos job, immutable, held as the JSON Chronos writes for it (every field, defaults filled in by
 * {@link JobParser}), so that what clients post comes back field for field. Besides Chronos's fields it keeps two that
 * the job listing does not show: {@code skipCount}, the runs skipped for being later than {@code epsilon}, and the ids
 * of the latest tasks whose end was counted, stored with the counts, so that an update the agent sends again (to a
 * new leader, say) is not counted twice.
 */
public final class Job {
    static final String SKIP_COUNT = "skipCount";
    static final String COUNTED = "countedTaskIds";
    private static final int COUNTED_KEPT = 20;
    private final ObjectNode json;

    Job(ObjectNode json) {
        this.json = json;
    }

    /** A job read back from the store (written by {@link #stored()}). */
    public static Job fromStored(byte[] bytes) {
        return new Job((ObjectNode) Json.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
    }

    public byte[] stored() {
        return Json.bytes(json);
    }

    /** The job as {@code GET /v1/scheduler/jobs} shows it. */
    public ObjectNode view() {
        ObjectNode out = json.deepCopy();
        out.remove(SKIP_COUNT);
        out.remove(COUNTED);
        return out;
    }

    public String name() {
        return json.path("name").asText();
    }

    public String command() {
        return json.path("command").asText();
    }

    public boolean shell() {
        return json.path("shell").asBoolean(true);
    }

    public List<String> arguments() {
        List<String> out = new ArrayList<>();
        json.path("arguments").forEach(a -> out.add(a.asText()));
        return out;
    }

    public boolean scheduled() {
        return json.has("schedule");
    }

    public String schedule() {
        return json.path("schedule").asText(null);
    }

    public String scheduleTimeZone() {
        return json.path("scheduleTimeZone").asText("");
    }

    public List<String> parents() {
        List<String> out = new ArrayList<>();
        json.path("parents").forEach(p -> out.add(p.asText()));
        return out;
    }

    public Duration epsilon() {
        return IsoPeriod.parse(json.path("epsilon").asText()).map(p -> p.exactLength().orElse(Duration.ofDays(
                p.date().toTotalMonths() * 30 + p.date().getDays()).plus(p.time()))).orElse(Duration.ofMinutes(1));
    }

    public int retries() {
        return json.path("retries").asInt(2);
    }

    public String owner() {
        return json.path("owner").asText();
    }

    public double cpus() {
        return json.path("cpus").asDouble();
    }

    public double mem() {
        return json.path("mem").asDouble();
    }

    public double disk() {
        return json.path("disk").asDouble();
    }

    public boolean disabled() {
        return json.path("disabled").asBoolean();
    }

    public boolean concurrent() {
        return json.path("concurrent").asBoolean();
    }

    public boolean async() {
        return json.path("async").asBoolean();
    }

    public boolean softError() {
        return json.path("softError").asBoolean();
    }

    public String runAsUser() {
        return json.path("runAsUser").asText("");
    }

    public Map<String, String> environment() {
        Map<String, String> out = new LinkedHashMap<>();
        json.path("environmentVariables").forEach(v -> out.put(v.path("name").asText(), v.path("value").asText()));
        return out;
    }

    public List<String> uris() {
        List<String> out = new ArrayList<>();
        json.path("fetch").forEach(f -> out.add(f.path("uri").asText()));
        json.path("uris").forEach(u -> out.add(u.asText()));
        return out;
    }

    /** {@code container} with an image, or null. */
    public JsonNode container() {
        return json.get("container");
    }

    /** {@code [attribute, OPERATOR, value]} triples. */
    public JsonNode constraints() {
        return json.path("constraints");
    }

    public long successCount() {
        return json.path("successCount").asLong();
    }

    public long errorCount() {
        return json.path("errorCount").asLong();
    }

    public long errorsSinceLastSuccess() {
        return json.path("errorsSinceLastSuccess").asLong();
    }

    public long skipCount() {
        return json.path(SKIP_COUNT).asLong();
    }

    public String lastSuccess() {
        return json.path("lastSuccess").asText("");
    }

    public String lastError() {
        return json.path("lastError").asText("");
    }

    /**
     * Whether a failed attempt is tried again, as Chronos decides: attempts left, and the job not already failing (no
     * error yet, or a success since the last one). A job that keeps failing is tried once per run.
     */
    public boolean retriesAfter(int attempt) {
        if (attempt >= retries()) {
            return false;
        }
        if (lastError().isEmpty()) {
            return true;
        }
        return !lastSuccess().isEmpty() && !Instant.parse(lastSuccess()).isBefore(Instant.parse(lastError()));
    }

    /** Whether the end of this task was counted already (or a retry of it queued). */
    public boolean counted(String taskId) {
        for (JsonNode id : json.path(COUNTED)) {
            if (id.asText().equals(taskId)) {
                return true;
            }
        }
        return false;
    }

    /** This job with the end of {@code taskId} counted (success, error, or a retry queued). */
    public Job withCounted(String taskId) {
        return with(out -> {
            ArrayNode ids = out.withArray(COUNTED);
            ids.add(taskId);
            while (ids.size() > COUNTED_KEPT) {
                ids.remove(0);
            }
        });
    }

    public Job withSuccess(Instant now) {
        return with(out -> out.put("successCount", successCount() + 1).put("errorsSinceLastSuccess", 0)
                .put("lastSuccess", now.toString()));
    }

    public Job withError(Instant now) {
        return with(out -> out.put("errorCount", errorCount() + 1)
                .put("errorsSinceLastSuccess", errorsSinceLastSuccess() + 1).put("lastError", now.toString()));
    }

    public Job withSkipped(long skipped) {
        return skipped == 0 ? this : with(out -> out.put(SKIP_COUNT, skipCount() + skipped));
    }

    public Job withSchedule(String schedule) {
        return with(out -> out.put("schedule", schedule));
    }

    public Job withDisabled(boolean disabled) {
        return with(out -> out.put("disabled", disabled));
    }

    /** This job made to run after {@code parents} instead of on a schedule (or with other parents). */
    public Job withParents(List<String> parents) {
        return with(out -> {
            out.remove("schedule");
            out.remove("scheduleTimeZone");
            ArrayNode list = out.putArray("parents");
            parents.forEach(list::add);
        });
    }

    /** This job made to run on {@code schedule} instead of after parents. */
    public Job withScheduleOf(Job other) {
        return with(out -> {
            out.remove("parents");
            out.put("schedule", other.schedule()).put("scheduleTimeZone", other.scheduleTimeZone());
        });
    }

    /** The same job keeping what {@code previous} kept besides Chronos's fields, for a definition posted again. */
    public Job keepingStateOf(Optional<Job> previous) {
        return previous.map(p -> with(out -> {
            out.put(SKIP_COUNT, p.skipCount());
            if (p.json.has(COUNTED)) {
                out.set(COUNTED, p.json.get(COUNTED).deepCopy());
            }
        })).orElse(this);
    }

    private Job with(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode out = json.deepCopy();
        change.accept(out);
        return new Job(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Job other && other.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
