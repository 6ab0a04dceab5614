package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dependency graph of a set of apps, as Marathon's ({@code RootGroup.applicationDependencies}): an app depends
 * on the app its dependency names or, when the id is a group, on every app in that group; every app in a group
 * depends on every app of each group (or the app) the group's own dependencies name, ids that name nothing being
 * ignored there as Marathon ignores them.
 */
final class Dependencies {
    private final Map<PathId, Set<PathId>> edges = new TreeMap<>();
    private final Map<PathId, Set<String>> unknown = new TreeMap<>();

    Dependencies(Collection<AppDefinition> apps) {
        this(apps, List.of());
    }

    Dependencies(Collection<AppDefinition> apps, Collection<GroupDefinition> groups) {
        Set<PathId> ids = new HashSet<>();
        apps.forEach(a -> ids.add(a.pathId()));
        for (AppDefinition app : apps) {
            Set<PathId> out = new LinkedHashSet<>();
            for (String dep : app.dependencies() == null ? List.<String>of() : app.dependencies()) {
                Set<PathId> found = resolve(app, dep, ids);
                if (found.isEmpty()) {
                    unknown.computeIfAbsent(app.pathId(), k -> new LinkedHashSet<>()).add(dep);
                }
                out.addAll(found);
            }
            edges.put(app.pathId(), out);
        }
        for (GroupDefinition group : groups) {
            for (String dep : group.dependencies()) {
                PathId d = PathId.parse(dep);
                Set<PathId> on = new LinkedHashSet<>();
                ids.stream().filter(i -> i.equals(d) || i.isDescendantOf(d)).forEach(on::add);
                edges.forEach((app, out) -> {
                    if (app.isDescendantOf(group.pathId())) {
                        out.addAll(on);
                    }
                });
            }
        }
    }

    /**
     * A relative id is first taken against the app's own id, as Marathon's docs have it ({@code ../db} from
     * {@code /prod/web} is {@code /prod/db}), then against the app's group, as Marathon 1.5+ normalises it
     * ({@code db} from {@code /prod/web} is {@code /prod/db}).
     */
    private static Set<PathId> resolve(AppDefinition app, String dep, Set<PathId> ids) {
        Set<PathId> found = new LinkedHashSet<>();
        for (PathId base : List.of(app.pathId(), app.pathId().parent())) {
            PathId d = base.resolve(dep);
            if (ids.contains(d)) {
                found.add(d);
            } else {
                ids.stream().filter(i -> i.isDescendantOf(d)).forEach(found::add);
            }
            if (!found.isEmpty() || dep.startsWith("/")) {
                break;
            }
        }
        return found;
    }

    /** The dependencies of the app that name neither an app nor a group with apps. */
    Set<String> unknown(PathId app) {
        return unknown.getOrDefault(app, Set.of());
    }

    /** Whether a cycle can be reached from one of these apps (older cycles elsewhere are not this change's). */
    boolean cycleFrom(Collection<PathId> starts) {
        Set<PathId> done = new HashSet<>();
        for (PathId s : starts) {
            if (cycle(s, new HashSet<>(), done)) {
                return true;
            }
        }
        return false;
    }

    private boolean cycle(PathId at, Set<PathId> path, Set<PathId> done) {
        if (path.contains(at)) {
            return true;
        }
        if (!done.add(at)) {
            return false;
        }
        path.add(at);
        for (PathId next : edges.getOrDefault(at, Set.of())) {
            if (cycle(next, path, done)) {
                return true;
            }
        }
        path.remove(at);
        return false;
    }

    /**
     * The number of apps on the longest dependency chain that starts at the app (1: it depends on nothing), as
     * Marathon's {@code longestPathFromVertex}: apps of equal depth have no dependency on each other and may be
     * deployed together. An edge that would close a cycle is ignored.
     */
    int depth(PathId app) {
        return depth(app, new HashSet<>(), new HashMap<>());
    }

    private int depth(PathId at, Set<PathId> path, Map<PathId, Integer> memo) {
        Integer known = memo.get(at);
        if (known != null) {
            return known;
        }
        path.add(at);
        int max = 0;
        for (PathId next : edges.getOrDefault(at, Set.of())) {
            if (!path.contains(next)) {
                max = Math.max(max, depth(next, path, memo));
            }
        }
        path.remove(at);
        memo.put(at, max + 1);
        return max + 1;
    }
}
