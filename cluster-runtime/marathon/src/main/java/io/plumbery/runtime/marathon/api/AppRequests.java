package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.AppValidator;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.UnsupportedFields;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/** Turns request bodies into valid, complete apps, or Marathon's 400/422 answers. */
final class AppRequests {
    private AppRequests() {
    }

    static JsonNode parse(String body) {
        JsonNode node = parseAny(body);
        if (!node.isObject()) {
            throw MarathonException.of(400, "Invalid JSON: expected an object");
        }
        return node;
    }

    /** An object or an array (PUT /v2/apps takes a list of apps). */
    static JsonNode parseAny(String body) {
        try {
            JsonNode node = MarathonJson.MAPPER.readTree(body);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw MarathonException.of(400, "Invalid JSON: expected an object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw MarathonException.of(400, "Invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** A list of app updates (PUT/PATCH /v2/apps). */
    static JsonNode list(String body) {
        JsonNode node = parseAny(body);
        if (!node.isArray()) {
            throw MarathonException.of(400, "Invalid JSON: expected a list of apps");
        }
        return node;
    }

    /**
     * The app from a JSON object: defaults filled, validated; 422 with every violation otherwise, a field this
     * Marathon does not act on ({@link UnsupportedFields}) first.
     */
    static AppDefinition app(JsonNode json) {
        List<Violation> unsupported = UnsupportedFields.of(json);
        if (!unsupported.isEmpty()) {
            throw invalid(unsupported);
        }
        AppDefinition app;
        try {
            app = MarathonJson.convert(json, AppDefinition.class);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : e.getPath()) {
                path.append(r.getFieldName() != null ? "/" + r.getFieldName() : "(" + r.getIndex() + ")");
            }
            throw invalid(List.of(Violation.of(path.isEmpty() ? "/" : path.toString(),
                    "error.expected." + e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw MarathonException.of(400, "Invalid JSON: " + e.getOriginalMessage());
        }
        AppDefinition full = app.withDefaults();
        List<Violation> violations = AppValidator.validate(full);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return full;
    }

    static MarathonException invalid(List<Violation> violations) {
        return MarathonException.invalid(violations);
    }

    /** The apps of a request, each through {@link #app}; 422 with all their violations, each under pathOf(i). */
    static List<AppDefinition> apps(List<JsonNode> list, IntFunction<String> pathOf) {
        List<AppDefinition> apps = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            AppDefinition app = app(list.get(i), pathOf.apply(i), violations);
            if (app != null) {
                apps.add(app);
            }
        }
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return apps;
    }

    /** The app through {@link #app}; or null, its violations added to {@code violations} under {@code at}. */
    static AppDefinition app(JsonNode json, String at, List<Violation> violations) {
        try {
            return app(json);
        } catch (MarathonException e) {
            if (!e.body().has("details")) {
                throw e;
            }
            for (JsonNode d : e.body().path("details")) {
                List<String> errors = new ArrayList<>();
                d.path("errors").forEach(x -> errors.add(x.asText()));
                violations.add(new Violation(at + d.path("path").asText(), errors));
            }
            return null;
        }
    }

    /**
     * Marathon's multi-app update: each element of {@code list} merged into its app among {@code current} (with
     * {@code partial} false it replaces it; only with {@code allowCreation} may it name a new app), then validated.
     */
    static List<AppDefinition> updates(JsonNode list, List<AppDefinition> current, boolean partial,
                                       boolean allowCreation) {
        List<JsonNode> merged = new ArrayList<>();
        List<Violation> missing = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode update = list.get(i);
            if (!update.isObject() || !update.path("id").isTextual()) {
                missing.add(Violation.of("/(" + i + ")/id", "error.path.missing"));
                continue;
            }
            PathId id = PathId.parse(update.path("id").asText());
            Optional<AppDefinition> existing = current.stream().filter(a -> a.pathId().equals(id)).findFirst();
            if (existing.isEmpty() && !allowCreation) {
                throw MarathonException.appNotFound(id.toString());
            }
            merged.add(existing.isPresent() && partial ? merge(existing.get(), update, id.toString())
                    : ((ObjectNode) update.deepCopy()).put("id", id.toString()));
        }
        if (!missing.isEmpty()) {
            throw invalid(missing);
        }
        return apps(merged, i -> "/(" + i + ")");
    }

    /** PUT/PATCH: the request's fields over the existing app's (Marathon 1.x partial update). */
    static JsonNode merge(AppDefinition existing, JsonNode update, String id) {
        ObjectNode merged = MarathonJson.tree(existing);
        merged.remove(List.of("version", "versionInfo"));
        if (update.has("ports") && !update.has("portDefinitions")) {
            merged.remove("portDefinitions");
        }
        if (update.has("portDefinitions") && !update.has("ports")) {
            merged.remove("ports");
        }
        if (update.has("args") && !update.has("cmd")) {
            merged.remove("cmd");
        }
        if (update.has("cmd") && !update.has("args")) {
            merged.remove("args");
        }
        for (Map.Entry<String, JsonNode> f : update.properties()) {
            if (!f.getKey().equals("version") && !f.getKey().equals("versionInfo")) {
                merged.set(f.getKey(), f.getValue());
            }
        }
        merged.put("id", id);
        return merged;
    }
}
