package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few {@code docker} commands this provider runs itself: networks, container states, logs, clean-up. */
final class Docker {

    private static final Duration T = Duration.ofSeconds(60);

    private final String docker;

    Docker(String docker) {
        this.docker = docker;
    }

    /** Fails with how to start the engine unless it answers. */
    void checkEngine() throws ProviderException {
        Exec.Result r = Exec.run(Duration.ofSeconds(20), List.of(docker, "info", "--format",
                "{{.ServerVersion}}"));
        if (!r.ok()) {
            throw new ProviderException("the Docker engine does not answer (" + Exec.tail(r.why(), 3).strip()
                    + "); start it: 'systemctl start docker' where systemd runs, else 'dockerd &' as root "
                    + "(plumbery-j's bin/docker-engine does that)");
        }
    }

    // ---------------------------------------------------------------- networks

    /** The subnet of a network, if it exists. */
    Optional<String> networkSubnet(String name) throws ProviderException {
        Exec.Result r = Exec.run(T, List.of(docker, "network", "inspect", "--format",
                "{{range .IPAM.Config}}{{.Subnet}}{{end}}", name));
        return r.ok() ? Optional.of(r.out().strip()) : Optional.empty();
    }

    /**
     * An internal bridge network: the host reaches its nodes (it has the gateway address), nodes have no way
     * out (Docker drops what they send beyond the subnet, and there is no NAT).
     */
    void createNetwork(String name, String bridge, String subnet, String gateway, List<String> labels)
            throws ProviderException {
        List<String> command = new ArrayList<>(List.of(docker, "network", "create", "--driver", "bridge",
                "--internal", "--subnet", subnet, "--gateway", gateway,
                "--opt", "com.docker.network.bridge.name=" + bridge,
                "--opt", "com.docker.network.bridge.enable_ip_masquerade=false"));
        labels.forEach(l -> command.addAll(List.of("--label", l)));
        command.add(name);
        Exec.check(T, command);
    }

    void removeNetwork(String name) throws ProviderException {
        Exec.Result r = Exec.run(T, List.of(docker, "network", "rm", name));
        if (!r.ok() && networkSubnet(name).isPresent()) {
            throw new ProviderException("cannot remove Docker network " + name + ": " + r.why().strip(), true, null);
        }
    }

    List<String> networks(String filter) throws ProviderException {
        return lines(Exec.check(T, List.of(docker, "network", "ls", "--filter", filter, "--format", "{{.Name}}")));
    }

    // ---------------------------------------------------------------- containers

    /** {@code running}, {@code exited}, {@code created}...; empty when there is no such container. */
    Optional<String> containerState(String name) throws ProviderException {
        Exec.Result r = Exec.run(T, List.of(docker, "container", "inspect", "--format", "{{.State.Status}}",
                name));
        return r.ok() ? Optional.of(r.out().strip()) : Optional.empty();
    }

    /** Names of the containers matching a {@code --filter}, running or not. */
    List<String> containers(String filter) throws ProviderException {
        return lines(Exec.check(T, List.of(docker, "ps", "--all", "--filter", filter, "--format", "{{.Names}}")));
    }

    void removeContainer(String name) throws ProviderException {
        Exec.Result r = Exec.run(T, List.of(docker, "rm", "--force", "--volumes", name));
        if (!r.ok() && containerState(name).isPresent()) {
            throw new ProviderException("cannot remove container " + name + ": " + r.why().strip(), true, null);
        }
    }

    /** The last lines of a container's console (it runs with a tty, so systemd's boot messages are there). */
    String consoleTail(String name, int lines) {
        try {
            Exec.Result r = Exec.run(Duration.ofSeconds(20), List.of(docker, "logs", "--tail",
                    String.valueOf(lines), name));
            return (r.out() + r.err()).replaceAll("\u001B\\[[0-9;]*m", "").replace("\r", "").strip();
        } catch (ProviderException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- images

    boolean imageExists(String tag) throws ProviderException {
        return Exec.run(T, List.of(docker, "image", "inspect", "--format", "{{.Id}}", tag)).ok();
    }

    void tag(String source, String target) throws ProviderException {
        Exec.check(T, List.of(docker, "image", "tag", source, target));
    }

    /** Removes a tag (and the image once no tag is left); best effort. */
    void removeImage(String tag) {
        try {
            Exec.run(T, List.of(docker, "image", "rm", tag));
        } catch (ProviderException e) {
            // best effort: a broken image is imported again under the same tag next time
        }
    }

    String command() {
        return docker;
    }

    private static List<String> lines(String out) {
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
