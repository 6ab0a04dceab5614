package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.core.Views;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /v2/groups[/{id}]}: GET renders the group tree implied by the apps' nested ids ({@code /prod/web/api});
 * POST/PUT/DELETE act on the apps in a group (one deployment per app; the answer names the last one).
 */
final class Groups {
    private Groups() {
    }

    static ObjectNode group(PathId id, Snapshot snap) {
        List<AppDefinition> inside = snap.apps().stream().filter(a -> a.pathId().isDescendantOf(id)).toList();
        if (!id.isRoot() && inside.isEmpty()) {
            throw MarathonException.of(404, "Group '" + id + "' does not exist");
        }
        return build(id, inside, snap);
    }

    /** The apps of a group definition, ids resolved against the group's (nested groups included). */
    static List<JsonNode> flatten(JsonNode group, PathId parent) {
        PathId id = group.hasNonNull("id") ? parent.resolve(group.path("id").asText()) : parent;
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode app : group.path("apps")) {
            ObjectNode copy = app.deepCopy();
            copy.put("id", id.resolve(app.path("id").asText("")).toString());
            out.add(copy);
        }
        for (JsonNode child : group.path("groups")) {
            out.addAll(flatten(child, id));
        }
        return out;
    }

    /** POST/PUT a group: every app validated first, then created or updated; PUT removes the group's other apps. */
    static Operations.Change apply(JsonNode body, PathId target, boolean replace, boolean force, Operations ops,
                                   Snapshot snap) {
        List<AppDefinition> apps = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        List<JsonNode> flat = flatten(body, target);
        for (int i = 0; i < flat.size(); i++) {
            try {
                apps.add(AppRequests.app(flat.get(i)));
            } catch (MarathonException e) {
                for (JsonNode d : e.body().path("details")) {
                    List<String> errors = new ArrayList<>();
                    d.path("errors").forEach(x -> errors.add(x.asText()));
                    violations.add(new Violation("/apps(" + i + ")" + d.path("path").asText(), errors));
                }
                if (!e.body().has("details")) {
                    throw e;
                }
            }
        }
        if (!violations.isEmpty()) {
            throw AppRequests.invalid(violations);
        }
        Operations.Change last = null;
        Set<PathId> kept = new HashSet<>();
        for (AppDefinition app : apps) {
            kept.add(app.pathId());
            boolean exists = snap.apps().stream().anyMatch(a -> a.pathId().equals(app.pathId()));
            last = exists ? ops.put(app, force) : ops.create(app);
        }
        if (replace) {
            for (AppDefinition a : snap.apps()) {
                if (a.pathId().isDescendantOf(target) && !kept.contains(a.pathId())) {
                    last = ops.delete(a.pathId(), force);
                }
            }
        }
        if (last == null) {
            throw MarathonException.of(422, "The group defines no app");
        }
        return last;
    }

    /** DELETE a group: every app in it. */
    static Operations.Change delete(PathId target, boolean force, Operations ops, Snapshot snap) {
        Operations.Change last = null;
        for (AppDefinition a : snap.apps()) {
            if (a.pathId().isDescendantOf(target)) {
                last = ops.delete(a.pathId(), force);
            }
        }
        if (last == null) {
            throw MarathonException.of(404, "Group '" + target + "' does not exist");
        }
        return last;
    }

    private static ObjectNode build(PathId id, List<AppDefinition> inside, Snapshot snap) {
        ObjectNode g = MarathonJson.object().put("id", id.toString());
        ArrayNode apps = g.putArray("apps");
        Set<PathId> children = new TreeSet<>();
        for (AppDefinition a : inside) {
            if (a.pathId().parent().equals(id)) {
                apps.add(Views.app(a, snap, Set.of()));
            } else {
                children.add(new PathId(a.pathId().segments().subList(0, id.segments().size() + 1)));
            }
        }
        ArrayNode groups = g.putArray("groups");
        for (PathId child : children) {
            groups.add(build(child, inside.stream().filter(a -> a.pathId().isDescendantOf(child)).toList(), snap));
        }
        g.putArray("pods");
        g.putArray("dependencies");
        g.put("version", inside.stream().map(AppDefinition::version).max(String::compareTo).orElse(null));
        return g;
    }
}
