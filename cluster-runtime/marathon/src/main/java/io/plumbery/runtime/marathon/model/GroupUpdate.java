package io.plumbery.runtime.marathon.model;

import java.util.List;

/**
 * A structural group change as Marathon's {@code GroupUpdate} (POST/PUT {@code /v2/groups}): the group's id
 * (absolute), and what the request gives of its apps, subgroups and dependencies; an absent part (null) keeps what
 * the group has, a given one replaces it (apps and subgroups not listed go).
 *
 * @param apps the group's own apps, ids absolute, each with the JSON path that names it in 422 answers
 */
public record GroupUpdate(PathId id, List<PathedApp> apps, List<GroupUpdate> groups, List<String> dependencies) {

    /** An app of the request and where it was ({@code /groups(0)/apps(1)}). */
    public record PathedApp(AppDefinition app, String path) {
    }

    /** Every app the update names, its subgroups' included. */
    public List<PathedApp> allApps() {
        List<PathedApp> out = new java.util.ArrayList<>(apps == null ? List.of() : apps);
        if (groups != null) {
            groups.forEach(g -> out.addAll(g.allApps()));
        }
        return out;
    }
}
