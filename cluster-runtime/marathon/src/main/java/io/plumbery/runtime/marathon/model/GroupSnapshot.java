package io.plumbery.runtime.marathon.model;

import java.util.List;

/**
 * One version of a top-level entry of the root group ({@code /prod}: the group and all in it; {@code /web}: an app at
 * the root) as a change left it; empty when the change removed it. The group history is kept per entry, so that no
 * stored value holds more than one entry (ZooKeeper's values are at most 1 MiB).
 */
public record GroupSnapshot(String id, String version, List<AppDefinition> apps, List<GroupDefinition> groups) {
    public GroupSnapshot {
        apps = apps == null ? List.of() : List.copyOf(apps);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The entry of {@code tree} at {@code entry}, as of {@code version}. */
    public static GroupSnapshot of(PathId entry, String version, GroupTree tree) {
        GroupTree sub = tree.subtree(entry);
        return new GroupSnapshot(entry.toString(), version, List.copyOf(sub.apps().values()),
                List.copyOf(sub.groups().values()));
    }

    public GroupTree tree() {
        return GroupTree.of(apps, groups);
    }
}
