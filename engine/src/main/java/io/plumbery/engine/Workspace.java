package io.plumbery.engine;

import io.plumbery.fittings.model.Plan;

import java.nio.file.Path;

/**
 * Where a plan keeps what plumbery made for it, next to the plan file:
 * {@code .plumbery/NAME.state.json} and {@code .plumbery/NAME/} (SSH keys, known_hosts, secrets, {@code tls/}).
 */
public record Workspace(Path stateFile, Path dir) {

    public static Workspace of(Plan plan, Path override) {
        Path base = override != null ? override
                : plan.source().toAbsolutePath().normalize().getParent().resolve(".plumbery");
        return new Workspace(base.resolve(plan.name() + ".state.json"), base.resolve(plan.name()));
    }

    /** The plan's certificate authority and its nodes' certificates ({@code tls/ca.pem}: what clients trust). */
    public Path tlsDir() {
        return dir.resolve("tls");
    }
}
