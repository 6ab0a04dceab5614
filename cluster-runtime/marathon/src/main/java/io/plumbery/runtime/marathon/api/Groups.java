package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Operations.GroupChange;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.GroupUpdate;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The changes of {@code /v2/groups}, each a change of the root group as Marathon's {@code GroupApiService} makes it
 * (announced on the group Marathon's {@code updateRoot} names): create, update, roll back to a version, scale by a
 * factor, delete.
 */
final class Groups {
    private Groups() {
    }

    /** POST: a new group at the body's id (against the path's); 409 when a group or an app has that id. */
    static GroupChange create(JsonNode body, PathId base) {
        PathId id = GroupRequests.target(body, base);
        GroupUpdate update = GroupRequests.update(body, id);
        return new GroupChange(base.parent(), (tree, version) -> {
            if (tree.exists(id)) {
                throw MarathonException.of(409, "Group " + id + " is already created. Use PUT to change this group.");
            }
            if (tree.apps().containsKey(id)) {
                throw MarathonException.of(409, "An app with the path " + id + " already exists.");
            }
            return tree.apply(update, version);
        }, paths(update));
    }

    /**
     * PUT: {@code {"version": V}} puts the group back as it was at V, {@code {"scaleBy": F}} multiplies each of its
     * apps' instances by F (rounded up), anything else updates its structure (created when missing).
     */
    static GroupChange update(JsonNode body, PathId base, Operations ops) {
        PathId id = GroupRequests.target(body, base);
        JsonNode version = GroupRequests.alone(body, "version");
        JsonNode scaleBy = GroupRequests.alone(body, "scaleBy");
        if (version != null) {
            return rollback(id, version, base, ops);
        }
        if (scaleBy != null) {
            double factor = GroupRequests.scaleBy(scaleBy);
            return new GroupChange(base.parent(), (tree, v) -> tree.mapApps(id,
                    a -> a.withInstances((int) Math.ceil(a.instances() * factor))).withVersion(id, v), p -> "");
        }
        GroupUpdate update = GroupRequests.update(body, id);
        return new GroupChange(base.parent(), (tree, v) -> tree.apply(update, v), paths(update));
    }

    private static GroupChange rollback(PathId id, JsonNode version, PathId base, Operations ops) {
        if (!version.isTextual()) {
            throw GroupRequests.invalid("/version", "error.expected.jsstring");
        }
        GroupTree then = ops.groupAt(id, version.asText()).orElseThrow(() -> MarathonException.of(422,
                "Group " + id + " not available in version " + version.asText()));
        return new GroupChange(base.parent(), (tree, v) -> tree.replacing(id, then).withVersion(id, v), p -> "");
    }

    /** DELETE: the group and all in it (the root: everything); 404 for a group that does not exist. */
    static GroupChange delete(PathId id) {
        return new GroupChange(id.parent(), (tree, version) -> {
            if (!tree.exists(id)) {
                throw MarathonException.groupNotFound(id.toString());
            }
            return tree.without(id);
        }, p -> "");
    }

    private static Function<PathId, String> paths(GroupUpdate update) {
        Map<PathId, String> paths = new HashMap<>();
        List<GroupUpdate.PathedApp> apps = update.allApps();
        apps.forEach(a -> paths.put(a.app().pathId(), a.path()));
        return id -> paths.getOrDefault(id, "");
    }
}
