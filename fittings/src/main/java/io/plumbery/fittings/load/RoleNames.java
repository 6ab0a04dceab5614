package io.plumbery.fittings.load;

import java.util.Optional;

/**
 * Mesos's rules for role names (its {@code roles::validate}), so that a plan is refused where it writes a role the
 * master would refuse later: components separated by {@code /}, none of them {@code .}, {@code ..} or {@code *}, none
 * starting with {@code -}, no whitespace or DEL anywhere. {@code *}, the role of unreserved resources, is a valid role
 * in Mesos but not one a plan can give weights or quota to.
 */
final class RoleNames {

    /** The characters Mesos refuses in a role: tab, line feed, vertical tab, form feed, carriage return, space, DEL. */
    private static final String FORBIDDEN = "\t\n\u000b\f\r \u007f";

    private RoleNames() {
    }

    /** What is wrong with {@code role}, in Mesos's words where it has some; empty when it is a role to set. */
    static Optional<String> problem(String role) {
        if (role.isEmpty()) {
            return Optional.of("role names cannot be the empty string");
        }
        if (role.equals("*")) {
            return Optional.of("'*' is the role of unreserved resources (every framework's default), not a role to"
                    + " give a weight or quota to");
        }
        if (role.startsWith("/") || role.endsWith("/") || role.contains("//")) {
            return Optional.of("role '" + role + "' cannot start or end with a slash or contain two adjacent slashes");
        }
        for (String part : role.split("/")) {
            Optional<String> wrong = componentProblem(role, part);
            if (wrong.isPresent()) {
                return wrong;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> componentProblem(String role, String part) {
        if (part.equals(".") || part.equals("..") || part.equals("*")) {
            return Optional.of("role '" + role + "' cannot include '" + part + "' as a component");
        }
        if (part.startsWith("-")) {
            return Optional.of("role component '" + part + "' is invalid because it starts with a dash");
        }
        if (part.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0)) {
            return Optional.of("role component '" + part + "' is invalid because it contains whitespace or DEL");
        }
        return Optional.empty();
    }

    /** A nested role ({@code eng/analytics}): Mesos 1.9 sets no quota on one. */
    static boolean nested(String role) {
        return role.contains("/");
    }
}
