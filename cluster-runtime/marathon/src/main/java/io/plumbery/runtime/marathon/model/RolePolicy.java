package io.plumbery.runtime.marathon.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Mesos roles apps may run in, as Marathon 1.9 (multi-role) has them: an app's {@code role} defaults to the
 * framework's {@code --mesos_role} ({@code *} unless set) and may be that role or the name of its top-level group
 * ({@code /analytics/etl} may run in {@code analytics}), or the role it already has; its {@code acceptedResourceRoles}
 * (which reservations' resources it may use, {@code *} for unreserved ones) may name only {@code *} and its role, and
 * default to {@code --default_accepted_resource_roles}, else to both.
 *
 * @param defaultAcceptedResourceRoles empty for Marathon's default (all roles an app's offers can hold)
 */
public record RolePolicy(String mesosRole, List<String> defaultAcceptedResourceRoles) {

    public static final String UNRESERVED = "*";
    public static final RolePolicy DEFAULT = new RolePolicy(UNRESERVED, List.of());

    public RolePolicy {
        defaultAcceptedResourceRoles = List.copyOf(defaultAcceptedResourceRoles);
    }

    /**
     * The policy of these flags; {@code --default_accepted_resource_roles} may name only {@code *} and
     * {@code --mesos_role}, the roles Marathon is offered resources of by default (as Marathon checks it).
     */
    public static RolePolicy of(String mesosRole, Collection<String> defaultAccepted) {
        String role = mesosRole == null || mesosRole.isBlank() ? UNRESERVED : mesosRole.strip();
        List<String> accepted = defaultAccepted.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
        Set<String> unknown = new TreeSet<>(accepted);
        unknown.removeAll(List.of(UNRESERVED, role));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--default_accepted_resource_roles contains roles for which Marathon"
                    + " will not receive offers: " + String.join(", ", unknown) + " (it may name * and --mesos_role "
                    + role + ")");
        }
        return new RolePolicy(role, accepted);
    }

    /** The role an app has when its definition names none: the one it had, else {@code --mesos_role}. */
    public String roleOf(AppDefinition app, AppDefinition before) {
        return app.role() != null ? app.role() : before != null && before.role() != null ? before.role() : mesosRole;
    }

    /** The role the app's tasks run in: its own, or {@code --mesos_role} for an app stored before apps had roles. */
    public String roleOf(AppDefinition app) {
        return roleOf(app, null);
    }

    /** The roles the framework subscribes with: {@code --mesos_role} and every app's role, sorted. */
    public List<String> frameworkRoles(Collection<AppDefinition> apps) {
        Set<String> all = new TreeSet<>();
        all.add(mesosRole);
        apps.forEach(a -> all.add(roleOf(a)));
        return List.copyOf(all);
    }

    /** The roles the app may run in: {@code --mesos_role}, its top-level group's name, the role it had. */
    public Set<String> validRoles(AppDefinition app, AppDefinition before) {
        Set<String> valid = new LinkedHashSet<>();
        valid.add(mesosRole);
        PathId id = app.pathId();
        if (id.segments().size() > 1) {
            valid.add(id.segments().get(0));
        }
        if (before != null && before.role() != null) {
            valid.add(before.role());
        }
        return valid;
    }

    /** Its role (filled in) and accepted roles that this policy refuses, each at its path under {@code prefix}. */
    public List<Violation> violations(AppDefinition app, AppDefinition before, String prefix) {
        List<Violation> out = new ArrayList<>();
        Set<String> valid = validRoles(app, before);
        if (!valid.contains(app.role())) {
            out.add(Violation.of(prefix + "/role", "got " + app.role() + ", expected one of: " + valid
                    + " (Marathon's --mesos_role and the app's top-level group)"));
        }
        List<String> accepted = app.acceptedResourceRoles() == null ? List.of() : app.acceptedResourceRoles();
        if (accepted.stream().anyMatch(r -> !r.equals(UNRESERVED) && !r.equals(app.role()))) {
            out.add(Violation.of(prefix + "/acceptedResourceRoles", "acceptedResourceRoles can only contain * and "
                    + app.role()));
        }
        return out;
    }

    /** The reservation roles whose resources the app's tasks may use. */
    public Set<String> acceptedRoles(AppDefinition app) {
        List<String> given = app.acceptedResourceRoles() != null && !app.acceptedResourceRoles().isEmpty()
                ? app.acceptedResourceRoles() : defaultAcceptedResourceRoles;
        return Set.copyOf(given.isEmpty() ? List.of(UNRESERVED, roleOf(app)) : given);
    }
}
