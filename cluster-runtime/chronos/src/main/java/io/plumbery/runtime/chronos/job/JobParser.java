package io.plumbery.runtime.chronos.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a posted job as Chronos's deserializer does (absent fields get their defaults, a cpus/mem/disk of 0 the
 * flags' values, constraints with an unknown operator are dropped) and refuses what Chronos's resources refuse, with
 * their words.
 */
public final class JobParser {
    static final Pattern NAME = Pattern.compile("([\\w\\.-]+)");
    private static final Instant EPOCH_LIMIT = Instant.parse("1970-01-01T00:00:01Z");
    private static final Set<String> OPERATORS = Set.of("EQUALS", "LIKE", "UNLIKE");

    private final JobDefaults defaults;

    public JobParser(JobDefaults defaults) {
        this.defaults = defaults;
    }

    /** A job posted to {@code /v1/scheduler/iso8601}: a schedule (or none: once, now). */
    public Job scheduled(String body, Instant now) {
        JsonNode in = read(body);
        ObjectNode out = common(in);
        String schedule = in.hasNonNull("schedule") ? in.get("schedule").asText()
                : "R1/" + now.toString() + "/PT24H";
        String zone = in.path("scheduleTimeZone").asText("");
        Schedule parsed = Schedule.parse(schedule, zone, now).filter(s -> !s.period().isZero())
                .orElseThrow(() -> ChronosException.apiResult("Cannot parse schedule '" + schedule + "' (wtf bro)"));
        if (parsed.next().isBefore(EPOCH_LIMIT)) {
            throw ChronosException.apiResult("Scheduled start date '" + parsed.startText() + "' is before 1970!");
        }
        if (in.path("uris").size() > 0 && in.path("fetch").size() > 0) {
            throw ChronosException.apiResult("Tried to add both uri (deprecated) and fetch parameters on "
                    + out.path("name").asText());
        }
        // an empty start means "now" once, when the job is posted, not at every reading of it
        out.put("schedule", schedule.contains("//") ? parsed.text() : schedule).put("scheduleTimeZone", zone);
        return new Job(out);
    }

    /** A job posted to {@code /v1/scheduler/dependency}: runs after all of its {@code parents} succeed. */
    public Job dependent(String body) {
        JsonNode in = read(body);
        ObjectNode out = common(in);
        ArrayNode parents = out.putArray("parents");
        in.path("parents").forEach(p -> parents.add(p.asText()));
        if (parents.isEmpty()) {
            throw ChronosException.serverError("Error, parent does not exist");
        }
        return new Job(out);
    }

    private static JsonNode read(String body) {
        try {
            JsonNode in = Json.parse(body);
            if (!in.isObject()) {
                throw ChronosException.message("A job is a JSON object");
            }
            return in;
        } catch (IllegalArgumentException e) {
            throw ChronosException.message(e.getMessage());
        }
    }

    private ObjectNode common(JsonNode in) {
        String name = in.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw ChronosException.apiResult("requirement failed: the job's name is invalid. Allowed names: '"
                    + NAME.pattern() + "'");
        }
        ObjectNode out = Json.object().put("name", name).put("command", in.path("command").asText(""))
                .put("shell", in.path("shell").asBoolean(true))
                .put("epsilon", IsoPeriod.parse(in.path("epsilon").asText("")).map(IsoPeriod::text)
                        .orElse("PT" + defaults.epsilonSeconds() + "S"))
                .put("executor", in.path("executor").asText(""))
                .put("executorFlags", in.path("executorFlags").asText(""))
                .put("taskInfoData", in.path("taskInfoData").asText(""))
                .put("retries", in.path("retries").asInt(2))
                .put("owner", in.path("owner").asText(""))
                .put("ownerName", in.path("ownerName").asText(""))
                .put("description", in.path("description").asText(""))
                .put("successCount", in.path("successCount").asLong(0))
                .put("errorCount", in.path("errorCount").asLong(0))
                .put("lastSuccess", in.path("lastSuccess").asText(""))
                .put("lastError", in.path("lastError").asText(""))
                .put("cpus", orDefault(in.path("cpus"), defaults.cpus()))
                .put("disk", orDefault(in.path("disk"), defaults.disk()))
                .put("mem", orDefault(in.path("mem"), defaults.mem()))
                .put("disabled", in.path("disabled").asBoolean(false))
                .put("softError", in.path("softError").asBoolean(false))
                .put("dataProcessingJobType", in.path("dataProcessingJobType").asBoolean(false))
                .put("errorsSinceLastSuccess", in.path("errorsSinceLastSuccess").asLong(0));
        out.set("fetch", arrayOf(in.path("fetch")));
        out.set("uris", arrayOf(in.path("uris")));
        out.set("environmentVariables", arrayOf(in.path("environmentVariables")));
        out.set("arguments", arrayOf(in.path("arguments")));
        out.put("highPriority", in.path("highPriority").asBoolean(false))
                .put("runAsUser", in.hasNonNull("runAsUser") ? in.get("runAsUser").asText() : defaults.user())
                .put("concurrent", in.path("concurrent").asBoolean(false))
                .put("async", in.path("async").asBoolean(false))
                .put("maxCompletionTime", in.path("maxCompletionTime").asLong(0));
        if (in.path("container").has("image")) {
            ObjectNode container = in.get("container").deepCopy();
            container.put("type", container.path("type").asText("DOCKER").toUpperCase())
                    .put("network", container.path("network").asText("HOST"))
                    .put("forcePullImage", container.path("forcePullImage").asBoolean(false));
            out.set("container", container);
        }
        ArrayNode constraints = out.putArray("constraints");
        in.path("constraints").forEach(c -> {
            if (c.size() >= 3 && OPERATORS.contains(c.get(1).asText())) {
                constraints.addArray().add(c.get(0).asText()).add(c.get(1).asText()).add(c.get(2).asText());
            }
        });
        return out;
    }

    private static double orDefault(JsonNode value, double fallback) {
        double v = value.asDouble(0);
        return v != 0 ? v : fallback;
    }

    private static ArrayNode arrayOf(JsonNode value) {
        return value.isArray() ? (ArrayNode) value.deepCopy() : Json.MAPPER.createArrayNode();
    }
}
