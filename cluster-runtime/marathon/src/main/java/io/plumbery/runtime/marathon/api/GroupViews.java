package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.core.Views;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Marathon's GroupInfo: a group with what {@code embed} names, as its {@code InfoEmbedResolver} reads it:
 * {@code group.apps}, {@code group.groups}, {@code group.pods} (all three when nothing is named), and for the apps
 * {@code group.apps.counts}, {@code group.apps.deployments}, {@code group.apps.tasks} (which brings deployments
 * too), {@code group.apps.lastTaskFailure}, {@code group.apps.failures} (tasks, lastTaskFailure and deployments).
 */
final class GroupViews {
    private static final String APPS = "group.apps";
    private static final String GROUPS = "group.groups";
    private static final String PODS = "group.pods";
    private static final String APP_PREFIX = "group.apps.";

    /** What is embedded: the group's parts and the apps' AppInfo parts. */
    record Embed(Set<String> group, Set<String> app) {
        static Embed of(List<String> embed) {
            if (embed.isEmpty()) {
                return new Embed(Set.of(APPS, GROUPS, PODS), Set.of());
            }
            Set<String> group = new HashSet<>();
            Set<String> app = new HashSet<>();
            for (String e : embed) {
                if (!e.startsWith(APP_PREFIX)) {
                    group.add(e);
                    continue;
                }
                switch (e.substring(APP_PREFIX.length())) {
                    case "tasks" -> app.addAll(List.of("tasks", Views.DEPLOYMENTS));
                    case "failures" -> app.addAll(List.of("tasks", "lastTaskFailure", Views.DEPLOYMENTS));
                    default -> app.add(e.substring(APP_PREFIX.length()));
                }
            }
            return new Embed(group, app);
        }
    }

    private GroupViews() {
    }

    /** The group of {@code tree}; its apps with what the snapshot says of them, or as definitions only (null). */
    static ObjectNode group(PathId id, GroupTree tree, Snapshot snap, Embed embed) {
        ObjectNode g = MarathonJson.object().put("id", id.toString());
        if (embed.group().contains(APPS)) {
            ArrayNode apps = g.putArray("apps");
            for (AppDefinition a : tree.appsIn(id)) {
                apps.add(snap == null ? MarathonJson.tree(a) : Views.appInfo(a, snap, embed.app()));
            }
        }
        if (embed.group().contains(GROUPS)) {
            ArrayNode groups = g.putArray("groups");
            tree.childGroups(id).forEach(child -> groups.add(group(child, tree, snap, embed)));
        }
        if (embed.group().contains(PODS)) {
            g.putArray("pods");
        }
        ArrayNode deps = g.putArray("dependencies");
        tree.dependencies(id).forEach(deps::add);
        g.put("version", tree.version(id));
        return g;
    }
}
