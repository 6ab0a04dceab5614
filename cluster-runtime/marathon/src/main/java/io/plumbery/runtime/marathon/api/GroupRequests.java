package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupUpdate;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.UnsupportedFields;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Group request bodies as Marathon's {@code GroupUpdate}: a structural update (ids resolved against the group's,
 * every app validated as an app, all violations answered at once at their paths, {@code /groups(0)/apps(1)/cpus}),
 * or a rollback ({@code version}) or a scaling ({@code scaleBy}), each of which takes no other field but the id.
 */
final class GroupRequests {
    static final String ALONE = "not allowed in conjunction with other properties.";

    private GroupRequests() {
    }

    /** The group the body names: its {@code id} against {@code base} (the path's group), else {@code base}. */
    static PathId target(JsonNode body, PathId base) {
        JsonNode id = body.path("id");
        expect(id.isMissingNode() || id.isNull() || id.isTextual(), "/id", "jsstring");
        return id.isTextual() ? base.resolve(id.asText()) : base;
    }

    /**
     * {@code version} or {@code scaleBy} when the body has it (null otherwise), which then must come alone (the id
     * aside): Marathon's 422 at the field otherwise.
     */
    static JsonNode alone(JsonNode body, String field) {
        if (!body.has(field) || body.get(field).isNull()) {
            return null;
        }
        List<String> others = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals(field) && !f.equals("id") && !body.get(f).isNull()) {
                others.add(f);
            }
        });
        if (!others.isEmpty()) {
            throw invalid("/" + field, ALONE);
        }
        return body.get(field);
    }

    /** {@code scaleBy}: a number, at least 0. */
    static double scaleBy(JsonNode value) {
        expect(value.isNumber(), "/scaleBy", "jsnumber");
        if (value.asDouble() < 0) {
            throw invalid("/scaleBy", "got " + value.asText() + ", expected 0.0 or more");
        }
        return value.asDouble();
    }

    /** A structural update of the group at {@code id} (the body's id already resolved). */
    static GroupUpdate update(JsonNode body, PathId id) {
        List<Violation> violations = new ArrayList<>();
        GroupUpdate update = parse(body, id, "", violations);
        if (!violations.isEmpty()) {
            throw MarathonException.invalid(violations);
        }
        return update;
    }

    private static GroupUpdate parse(JsonNode group, PathId id, String path, List<Violation> violations) {
        expect(group.isObject(), path.isEmpty() ? "/" : path, "jsobject");
        UnsupportedFields.ofGroup(group).forEach(v -> violations.add(new Violation(path + v.path(), v.errors())));
        if (!id.isRoot() && !id.isValid()) {
            violations.add(Violation.of(path + "/id", PathId.SEGMENT_RULE));
        }
        List<GroupUpdate.PathedApp> apps = null;
        JsonNode appList = members(group, "apps", path);
        if (!appList.isMissingNode() && !appList.isNull()) {
            apps = new ArrayList<>();
            int i = 0;
            for (JsonNode app : appList) {
                String at = path + "/apps(" + i++ + ")";
                expect(app.isObject(), at, "jsobject");
                expect(app.path("id").isMissingNode() || app.path("id").isTextual(), at + "/id", "jsstring");
                ObjectNode copy = app.deepCopy();
                copy.put("id", id.resolve(app.path("id").asText("")).toString());
                AppDefinition parsed = AppRequests.app(copy, at, violations);
                if (parsed != null) {
                    apps.add(new GroupUpdate.PathedApp(parsed, at));
                }
            }
        }
        if (!members(group, "pods", path).isEmpty()) {
            violations.add(Violation.of(path + "/pods", "error.unsupported: pods are not supported"));
        }
        List<GroupUpdate> groups = null;
        JsonNode groupList = members(group, "groups", path);
        if (!groupList.isMissingNode() && !groupList.isNull()) {
            groups = new ArrayList<>();
            int i = 0;
            for (JsonNode child : groupList) {
                String at = path + "/groups(" + i++ + ")";
                expect(child.isObject(), at, "jsobject");
                if (!child.path("id").isTextual()) {
                    violations.add(Violation.of(at + "/id", "error.path.missing"));
                    continue;
                }
                groups.add(parse(child, id.resolve(child.path("id").asText()), at, violations));
            }
        }
        return new GroupUpdate(id, apps, groups, dependencies(group, id, path, violations));
    }

    private static List<String> dependencies(JsonNode group, PathId id, String path, List<Violation> violations) {
        JsonNode list = members(group, "dependencies", path);
        if (list.isMissingNode() || list.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            PathId dep = d.isTextual() ? id.resolve(d.asText()) : null;
            if (dep == null || !dep.isValid()) {
                violations.add(Violation.of(path + "/dependencies(" + i + ")", PathId.SEGMENT_RULE));
            } else {
                out.add(dep.toString());
            }
        }
        return out;
    }

    private static JsonNode members(JsonNode group, String field, String path) {
        JsonNode list = group.path(field);
        expect(list.isMissingNode() || list.isNull() || list.isArray(), path + "/" + field, "jsarray");
        return list;
    }

    private static void expect(boolean ok, String path, String type) {
        if (!ok) {
            throw invalid(path, "error.expected." + type);
        }
    }

    static MarathonException invalid(String path, String error) {
        return MarathonException.invalid(List.of(Violation.of(path, error)));
    }
}
