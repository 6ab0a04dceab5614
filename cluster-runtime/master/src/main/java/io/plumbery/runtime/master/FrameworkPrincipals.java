package io.plumbery.runtime.master;

import io.plumbery.runtime.protocol.FrameworkInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * Mesos's rules between the authenticated principal of a scheduler call and the framework's principal (its
 * {@code FrameworkInfo.principal}), in Mesos's words: master/validation.cpp ({@code scheduler::call::validate},
 * {@code framework::validateUpdate}) and the scheduler handler of master/http.cpp. A framework's principal is the
 * subject of its authorization ({@code register_frameworks}, {@code run_tasks}); a framework without one has no
 * subject, which only {@code ANY} ACLs match.
 */
public final class FrameworkPrincipals {
    private FrameworkPrincipals() {
    }

    /**
     * SUBSCRIBE: refused (400) only when the FrameworkInfo names a principal other than the authenticated one; a
     * FrameworkInfo without a principal is accepted, and takes the authenticated one (see {@link #subscribing}).
     */
    public static Optional<String> subscribeMismatch(String authenticated, FrameworkInfo info) {
        if (authenticated == null || info.principal() == null || authenticated.equals(info.principal())) {
            return Optional.empty();
        }
        return Optional.of("Failed to validate scheduler::Call: " + mismatch(authenticated, info.principal()));
    }

    /** The FrameworkInfo a SUBSCRIBE registers: Mesos sets the authenticated principal where the framework set none. */
    public static FrameworkInfo subscribing(String authenticated, FrameworkInfo info) {
        if (authenticated == null || info.principal() != null) {
            return info;
        }
        return info.withPrincipal(authenticated);
    }

    /**
     * Any other call (400): an authenticated caller must be the framework's principal, also when the framework has
     * none (it subscribed where the scheduler API was open).
     */
    public static Optional<String> callMismatch(String authenticated, FrameworkInfo framework) {
        String owner = framework == null ? null : framework.principal();
        if (authenticated == null || authenticated.equals(owner)) {
            return Optional.empty();
        }
        return Optional.of(mismatch(authenticated, owner == null ? "" : owner));
    }

    /**
     * A subscription again with a known id, or UPDATE_FRAMEWORK: the principal may not change, neither to another
     * one nor to none (so a framework id stays with the principal that registered it).
     */
    public static Optional<String> changed(FrameworkInfo before, FrameworkInfo after) {
        if (before == null || Objects.equals(before.principal(), after.principal())) {
            return Optional.empty();
        }
        return Optional.of("Changing framework's principal is not allowed.");
    }

    private static String mismatch(String authenticated, String principal) {
        return "Authenticated principal '" + authenticated + "' does not match principal '" + principal
                + "' set in `FrameworkInfo`";
    }
}
