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
import io.plumbery.runtime.marathon.model.Violation;
import java.util.List;
import java.util.Map;

/** Turns request bodies into valid, complete apps, or Marathon's 400/422 answers. */
final class AppRequests {
    private AppRequests() {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = MarathonJson.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw MarathonException.of(400, "Invalid JSON: expected an object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw MarathonException.of(400, "Invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** The app from a JSON object: defaults filled, validated; 422 with every violation otherwise. */
    static AppDefinition app(JsonNode json) {
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
        ObjectNode body = MarathonJson.object().put("message", "Object is not valid");
        ArrayNode details = body.putArray("details");
        for (Violation v : violations) {
            ObjectNode d = details.addObject().put("path", v.path());
            ArrayNode errors = d.putArray("errors");
            v.errors().forEach(errors::add);
        }
        return new MarathonException(422, body);
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
