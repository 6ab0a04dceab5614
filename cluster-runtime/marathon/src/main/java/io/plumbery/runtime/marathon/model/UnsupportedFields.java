package io.plumbery.runtime.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields of Marathon's app and group definitions that this Marathon does not act on. Given a value, they are refused (422
 * naming the field) rather than accepted and silently dropped; an empty value ({@code null}, {@code []},
 * {@code {}}, {@code false}, {@code ""}), as clients echo back from a GET, asks for nothing and passes.
 */
public final class UnsupportedFields {
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("residency", "persistent volumes and resident tasks are not supported"),
            Map.entry("secrets", "secrets are not supported"),
            Map.entry("readinessChecks", "readiness checks are not supported"),
            Map.entry("unreachableStrategy", "unreachable strategies are not supported"),
            Map.entry("ipAddress", "IP-per-task (ipAddress) is not supported; use networks"),
            Map.entry("executor", "custom executors are not supported"),
            Map.entry("executorResources", "executor resources are not supported"),
            Map.entry("storeUrls", "store URLs are not supported"),
            Map.entry("tty", "a TTY for tasks is not supported"),
            Map.entry("resourceLimits", "resource limits are not supported"),
            Map.entry("check", "Mesos checks are not supported"));
    private static final Map<String, String> GROUP_WHY = Map.of(
            "enforceRole", "enforced group roles are not supported");

    private UnsupportedFields() {
    }

    /** One violation per field of {@code app} that asks for what this Marathon does not do, in the app's order. */
    public static List<Violation> of(JsonNode app) {
        return check(app, WHY);
    }

    /** The same for a group definition's own fields (its apps are checked as apps). */
    public static List<Violation> ofGroup(JsonNode group) {
        return check(group, GROUP_WHY);
    }

    private static List<Violation> check(JsonNode definition, Map<String, String> unsupported) {
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : definition.properties()) {
            String why = unsupported.get(f.getKey());
            if (why != null && !empty(f.getValue())) {
                out.add(Violation.of("/" + f.getKey(), "error.unsupported: " + why));
            }
        }
        return out;
    }

    private static boolean empty(JsonNode v) {
        return v.isNull() || (v.isContainerNode() && v.isEmpty()) || (v.isBoolean() && !v.asBoolean())
                || (v.isTextual() && v.asText().isEmpty());
    }
}
