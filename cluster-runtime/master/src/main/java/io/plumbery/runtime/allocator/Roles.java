package io.plumbery.runtime.allocator;

import java.util.Optional;

/** Mesos's role name rules (roles::validate), with its texts. */
final class Roles {
    private static final String INVALID_CHARACTERS = "\t\n\u000b\f\r \u007f";

    private Roles() {
    }

    static Optional<String> invalid(String role) {
        if (role.equals("*")) {
            return Optional.empty();
        }
        if (role.startsWith("/")) {
            return Optional.of("Role '" + role + "' cannot start with a slash");
        }
        if (role.endsWith("/")) {
            return Optional.of("Role '" + role + "' cannot end with a slash");
        }
        if (role.contains("//")) {
            return Optional.of("Role '" + role + "' cannot contain two adjacent slashes");
        }
        if (role.isEmpty()) {
            return Optional.of("Role names cannot be the empty string");
        }
        for (String component : role.split("/")) {
            if (component.equals(".") || component.equals("..") || component.equals("*")) {
                return Optional.of("Role '" + role + "' cannot include '" + component + "' as a component");
            }
            if (component.startsWith("-")) {
                return Optional.of("Role component '" + component + "' is invalid because it starts with a dash");
            }
            if (component.chars().anyMatch(c -> INVALID_CHARACTERS.indexOf(c) >= 0)) {
                return Optional.of("Role component '" + component + "' is invalid because it contains backspace or"
                        + " whitespace");
            }
        }
        return Optional.empty();
    }

    /** A number as Mesos prints it: no trailing {@code .0}. */
    static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
