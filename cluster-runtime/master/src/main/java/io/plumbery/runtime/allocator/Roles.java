package io.plumbery.runtime.allocator;

import java.util.Optional;

/** Mesos's role name rules (roles::validate). */
final class Roles {
    private Roles() {
    }

    static Optional<String> invalid(String role) {
        if (role.isEmpty()) {
            return Optional.of("Empty role name is invalid");
        }
        if (role.equals("*")) {
            return Optional.empty();
        }
        if (role.equals(".") || role.equals("..") || role.startsWith("-")) {
            return Optional.of("Role '" + role + "' cannot be '.', '..' or start with '-'");
        }
        for (String part : role.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equals("*") || part.startsWith("-")) {
                return Optional.of("Invalid role name '" + role + "'");
            }
        }
        for (char c : role.toCharArray()) {
            if (c <= 0x20 || c == 0x7f || c == '\\') {
                return Optional.of("Role '" + role + "' cannot contain whitespace, control characters or backslashes");
            }
        }
        return Optional.empty();
    }
}
