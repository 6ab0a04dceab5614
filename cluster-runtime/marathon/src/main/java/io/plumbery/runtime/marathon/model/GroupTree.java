package io.plumbery.runtime.marathon.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Marathon's root group as this Marathon keeps it: the apps by id and the groups that have a definition of their own
 * ({@link GroupDefinition}: created through {@code /v2/groups}, possibly empty). Every ancestor of an app or of a
 * defined group exists too, as Marathon's {@code putGroup} makes them ({@code mkdir -p}); the root always exists.
 * Immutable: each change answers a new tree.
 */
public record GroupTree(Map<PathId, AppDefinition> apps, Map<PathId, GroupDefinition> groups) {
    public static final GroupTree EMPTY = new GroupTree(Map.of(), Map.of());

    public GroupTree {
        apps = Collections.unmodifiableMap(new TreeMap<>(apps));
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }

    public static GroupTree of(Collection<AppDefinition> apps, Collection<GroupDefinition> groups) {
        Map<PathId, AppDefinition> a = new TreeMap<>();
        apps.forEach(app -> a.put(app.pathId(), app));
        Map<PathId, GroupDefinition> g = new TreeMap<>();
        groups.forEach(group -> g.put(group.pathId(), group));
        return new GroupTree(a, g);
    }

    public boolean exists(PathId group) {
        return group.isRoot() || groups.containsKey(group) || ids().anyMatch(id -> id.isDescendantOf(group));
    }

    private Stream<PathId> ids() {
        return Stream.concat(apps.keySet().stream(), groups.keySet().stream());
    }

    /** The apps directly in the group. */
    public List<AppDefinition> appsIn(PathId group) {
        return apps.values().stream().filter(a -> a.pathId().parent().equals(group)).toList();
    }

    /** The apps in the group and in its subgroups. */
    public List<AppDefinition> appsUnder(PathId group) {
        return apps.values().stream().filter(a -> a.pathId().isDescendantOf(group)).toList();
    }

    /** The ids of the group's direct subgroups, defined or there for what is below them. */
    public Set<PathId> childGroups(PathId group) {
        Set<PathId> out = new TreeSet<>();
        int depth = group.segments().size();
        ids().filter(id -> id.isDescendantOf(group)).forEach(id -> {
            boolean isApp = apps.containsKey(id);
            if (!isApp || id.segments().size() > depth + 1) {
                out.add(new PathId(id.segments().subList(0, depth + 1)));
            }
        });
        return out;
    }

    /** The group's dependencies (absolute ids); none for a group without a definition. */
    public List<String> dependencies(PathId group) {
        GroupDefinition g = groups.get(group);
        return g == null ? List.of() : g.dependencies();
    }

    /** The latest version among the group's definition and everything in it (null for an empty root). */
    public String version(PathId group) {
        Stream<String> own = Stream.ofNullable(groups.get(group)).map(GroupDefinition::version);
        Stream<String> below = Stream.concat(
                appsUnder(group).stream().map(AppDefinition::version),
                groups.values().stream().filter(g -> g.pathId().isDescendantOf(group)).map(GroupDefinition::version));
        return Stream.concat(own, below).filter(v -> v != null).max(String::compareTo).orElse(null);
    }

    /**
     * The tree without the group, its apps and its subgroups (the root: an empty tree); an app of that id goes too
     * (no group can have it), which makes an app at the root an entry of the history like a group.
     */
    public GroupTree without(PathId group) {
        Map<PathId, AppDefinition> a = new TreeMap<>(apps);
        a.keySet().removeIf(id -> id.equals(group) || id.isDescendantOf(group));
        Map<PathId, GroupDefinition> g = new TreeMap<>(groups);
        g.keySet().removeIf(id -> id.equals(group) || id.isDescendantOf(group));
        return new GroupTree(a, g);
    }

    /** The tree with the group as it is in {@code other} (Marathon's rollback of a group to an older version). */
    public GroupTree replacing(PathId group, GroupTree other) {
        GroupTree out = without(group);
        Map<PathId, AppDefinition> a = new TreeMap<>(out.apps);
        other.apps.values().stream().filter(app -> app.pathId().equals(group) || app.pathId().isDescendantOf(group))
                .forEach(app -> a.put(app.pathId(), app));
        Map<PathId, GroupDefinition> g = new TreeMap<>(out.groups);
        other.groups.values().stream().filter(d -> d.pathId().equals(group) || d.pathId().isDescendantOf(group))
                .forEach(d -> g.put(d.pathId(), d));
        return new GroupTree(a, g);
    }

    /** Only what is under the group (its definition, or an app of that id, included): an entry of the history. */
    public GroupTree subtree(PathId group) {
        return EMPTY.replacing(group, this);
    }

    /** Every app under the group changed by {@code change} (Marathon's {@code updateTransitiveApps}). */
    public GroupTree mapApps(PathId group, UnaryOperator<AppDefinition> change) {
        Map<PathId, AppDefinition> a = new TreeMap<>(apps);
        appsUnder(group).forEach(app -> a.put(app.pathId(), change.apply(app)));
        return new GroupTree(a, groups);
    }

    /**
     * Marathon's structural update of a group ({@code UpdateGroupStructureOp}): the group gets a definition with the
     * update's dependencies (or its own), its apps and subgroups are replaced by those given (kept when not given),
     * subgroups given are updated the same way, and the group and every group defined below it take the version.
     */
    public GroupTree apply(GroupUpdate update, String version) {
        PathId id = update.id();
        List<String> deps = update.dependencies() != null ? update.dependencies() : dependencies(id);
        Map<PathId, AppDefinition> a = new TreeMap<>(apps);
        Map<PathId, GroupDefinition> g = new TreeMap<>(groups);
        g.put(id, new GroupDefinition(id.toString(), deps, version));
        GroupTree out = new GroupTree(a, g);
        if (update.apps() != null) {
            Map<PathId, AppDefinition> next = new TreeMap<>(out.apps);
            out.appsIn(id).forEach(app -> next.remove(app.pathId()));
            update.apps().forEach(p -> next.put(p.app().pathId(), p.app()));
            out = new GroupTree(next, out.groups);
        }
        if (update.groups() != null) {
            Set<PathId> kept = new TreeSet<>();
            update.groups().forEach(child -> kept.add(child.id()));
            for (PathId child : out.childGroups(id)) {
                if (!kept.contains(child)) {
                    out = out.without(child);
                }
            }
            for (GroupUpdate child : update.groups()) {
                out = out.apply(child, version);
            }
        }
        return out.withVersion(id, version);
    }

    /** The group and every group defined below it at that version, as Marathon's {@code putGroup} leaves them. */
    public GroupTree withVersion(PathId group, String version) {
        Map<PathId, GroupDefinition> versioned = new TreeMap<>(groups);
        versioned.replaceAll((k, d) -> k.equals(group) || k.isDescendantOf(group) ? d.withVersion(version) : d);
        return new GroupTree(apps, versioned);
    }

    /**
     * Marathon's rule that an id names an app or a group, not both: one violation for each app that is also a group
     * (defined, or the parent of something).
     */
    public List<Violation> clashes() {
        List<Violation> out = new ArrayList<>();
        for (PathId app : apps.keySet()) {
            if (exists(app)) {
                out.add(Violation.of("/", "Groups and Applications may not have the same identifier: " + app));
            }
        }
        return out;
    }
}
