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
import io.plumbery.runtime.marathon.model.UnsupportedFields;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /v2/groups[/{id}]}: GET renders the group tree implied by the apps' nested ids ({@code /prod/web/api});
 * POST/PUT/DELETE change the apps in a group in ONE deployment whose steps follow the apps' dependencies.
 */
final class Groups {
    private Groups() {
    }

    /**
     * GET a group: with no {@code embed}, its apps, subgroups and (always empty) pods, as Marathon embeds by default;
     * else only what is named ({@code group.apps}, {@code group.groups}, {@code group.pods},
     * {@code group.apps.tasks}, {@code group.apps.lastTaskFailure}).
     */
    static ObjectNode group(PathId id, Snapshot snap, List<String> embed) {
        List<AppDefinition> inside = snap.apps().stream().filter(a -> a.pathId().isDescendantOf(id)).toList();
        if (!id.isRoot() && inside.isEmpty()) {
            throw MarathonException.of(404, "Group '" + id + "' does not exist");
        }
        Set<String> embeds = embed.isEmpty() ? Set.of("group.apps", "group.groups", "group.pods") : Set.copyOf(embed);
        return build(id, inside, snap, embeds);
    }

    /**
     * The apps of a group definition, ids resolved against the group's (nested groups included); a definition of
     * the wrong shape is Marathon's 422 at its path ({@code /groups(0)/apps(1)}).
     */
    static List<JsonNode> flatten(JsonNode group, PathId parent) {
        return flatten(group, parent, "");
    }

    private static List<JsonNode> flatten(JsonNode group, PathId parent, String path) {
        expect(group.isObject(), path.isEmpty() ? "/" : path, "jsobject");
        JsonNode idNode = group.path("id");
        expect(idNode.isMissingNode() || idNode.isNull() || idNode.isTextual(), path + "/id", "jsstring");
        PathId id = idNode.isTextual() ? parent.resolve(idNode.asText()) : parent;
        List<JsonNode> out = new ArrayList<>();
        int i = 0;
        for (JsonNode app : members(group, "apps", path)) {
            String at = path + "/apps(" + i++ + ")";
            expect(app.isObject(), at, "jsobject");
            expect(app.path("id").isMissingNode() || app.path("id").isTextual(), at + "/id", "jsstring");
            ObjectNode copy = app.deepCopy();
            copy.put("id", id.resolve(app.path("id").asText("")).toString());
            out.add(copy);
        }
        if (!members(group, "pods", path).isEmpty()) {
            throw MarathonException.invalid(List.of(Violation.of(path + "/pods",
                    "error.unsupported: pods are not supported")));
        }
        i = 0;
        for (JsonNode child : members(group, "groups", path)) {
            out.addAll(flatten(child, id, path + "/groups(" + i++ + ")"));
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
            throw MarathonException.invalid(List.of(Violation.of(path, "error.expected." + type)));
        }
    }

    /**
     * POST/PUT a group: every app validated first, then one deployment creates or updates them in dependency
     * order; PUT also removes the group's other apps.
     */
    static Operations.Change apply(JsonNode body, PathId target, boolean replace, boolean force, Operations ops,
                                   Snapshot snap) {
        List<Violation> unsupported = UnsupportedFields.ofGroup(body);
        if (!unsupported.isEmpty()) {
            throw MarathonException.invalid(unsupported);
        }
        List<AppDefinition> apps = AppRequests.apps(flatten(body, target), i -> "/apps(" + i + ")");
        boolean removes = replace && snap.apps().stream().anyMatch(a -> a.pathId().isDescendantOf(target));
        if (apps.isEmpty() && !removes) {
            throw MarathonException.of(422, "The group defines no app");
        }
        return ops.group(target, apps, replace, force, i -> "/apps(" + i + ")");
    }

    /** DELETE a group: one deployment stopping every app in it. */
    static Operations.Change delete(PathId target, boolean force, Operations ops, Snapshot snap) {
        if (snap.apps().stream().noneMatch(a -> a.pathId().isDescendantOf(target))) {
            throw MarathonException.of(404, "Group '" + target + "' does not exist");
        }
        return ops.group(target, List.of(), true, force, i -> "");
    }

    private static ObjectNode build(PathId id, List<AppDefinition> inside, Snapshot snap, Set<String> embeds) {
        ObjectNode g = MarathonJson.object().put("id", id.toString());
        Set<String> appEmbeds = new TreeSet<>();
        embeds.stream().filter(e -> e.startsWith("group.apps.")).forEach(e -> appEmbeds.add(e.substring(11)));
        ArrayNode apps = MarathonJson.MAPPER.createArrayNode();
        Set<PathId> children = new TreeSet<>();
        for (AppDefinition a : inside) {
            if (a.pathId().parent().equals(id)) {
                apps.add(Views.app(a, snap, appEmbeds));
            } else {
                children.add(new PathId(a.pathId().segments().subList(0, id.segments().size() + 1)));
            }
        }
        if (embeds.contains("group.apps") || !appEmbeds.isEmpty()) {
            g.set("apps", apps);
        }
        if (embeds.contains("group.groups")) {
            ArrayNode groups = g.putArray("groups");
            for (PathId child : children) {
                groups.add(build(child, inside.stream().filter(a -> a.pathId().isDescendantOf(child)).toList(), snap,
                        embeds));
            }
        }
        if (embeds.contains("group.pods")) {
            g.putArray("pods");
        }
        g.putArray("dependencies");
        g.put("version", inside.stream().map(AppDefinition::version).max(String::compareTo).orElse(null));
        return g;
    }
}
