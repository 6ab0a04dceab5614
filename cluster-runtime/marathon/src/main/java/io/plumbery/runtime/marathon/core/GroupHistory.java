package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.GroupSnapshot;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.state.MarathonStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The versions of groups, for {@code /v2/groups/{id}/versions} and rollbacks: each change stores the top-level
 * entries it touched ({@code /prod} for a change anywhere in {@code /prod}) as they are after it. A group's versions
 * are those of its entry in which it existed; the root's are all of them, and the root at a version is every entry
 * at its latest version up to then (an entry first stored later did not exist then; one never stored since this
 * history began is left as it is).
 */
final class GroupHistory {
    private final MarathonStore store;

    GroupHistory(MarathonStore store) {
        this.store = store;
    }

    /** The top-level entries a plan changes: the first segment of each app and group id it touches. */
    static Set<PathId> entries(Deployment d) {
        Set<PathId> out = new TreeSet<>();
        d.affectedApps().forEach(id -> out.add(entry(PathId.parse(id))));
        d.affectedGroups().forEach(id -> out.add(entry(PathId.parse(id))));
        return out;
    }

    private static PathId entry(PathId id) {
        return new PathId(id.segments().subList(0, Math.min(1, id.segments().size())));
    }

    /** Stores the entries as {@code now} has them, at {@code version}. */
    void record(Set<PathId> entries, String version, GroupTree now) {
        for (PathId e : entries) {
            if (!e.isRoot()) {
                store.saveGroupVersion(GroupSnapshot.of(e, version, now));
            }
        }
    }

    /** The versions in which the group existed, newest first. */
    List<String> versions(PathId group) {
        Set<String> out = new TreeSet<>(Comparator.reverseOrder());
        if (group.isRoot()) {
            store.groupEntries().forEach(e -> store.groupVersions(e).forEach(s -> out.add(s.version())));
        } else {
            store.groupVersions(entry(group).toString()).stream().filter(s -> s.tree().exists(group))
                    .forEach(s -> out.add(s.version()));
        }
        return List.copyOf(out);
    }

    /**
     * The root group as it was at that version of the group (empty when the group has no such version); {@code now}
     * gives the entries this history never stored.
     */
    Optional<GroupTree> at(PathId group, String version, GroupTree now) {
        if (!versions(group).contains(version)) {
            return Optional.empty();
        }
        if (!group.isRoot()) {
            return store.groupVersions(entry(group).toString()).stream().filter(s -> s.version().equals(version))
                    .findFirst().map(GroupSnapshot::tree);
        }
        GroupTree root = now;
        Map<String, GroupSnapshot> latest = new HashMap<>();
        for (String e : store.groupEntries()) {
            root = root.without(PathId.parse(e));
            store.groupVersions(e).stream().filter(s -> s.version().compareTo(version) <= 0)
                    .max(Comparator.comparing(GroupSnapshot::version)).ifPresent(s -> latest.put(e, s));
        }
        for (GroupSnapshot s : latest.values()) {
            root = root.replacing(PathId.parse(s.id()), s.tree());
        }
        return Optional.of(root);
    }
}
