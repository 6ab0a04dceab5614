package io.plumbery.runtime.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an app may ask of the hosts its containers run on. By default no {@code privileged} container, no host-path
 * volume and no {@code docker run} parameter outside {@link #SAFE_PARAMETERS} (those that reach the host's
 * namespaces, devices, capabilities or files, such as {@code pid=host}, {@code cap-add}, {@code device},
 * {@code volume}, are refused); {@code --docker_unsafe_options} allows a subset of {@link #OPTIONS} again.
 */
public record DockerPolicy(boolean privileged, boolean hostVolumes, boolean parameters) {
    public static final String PRIVILEGED = "privileged";
    public static final String HOST_VOLUMES = "host_volumes";
    public static final String PARAMETERS = "parameters";
    public static final Set<String> OPTIONS = Set.of(PRIVILEGED, HOST_VOLUMES, PARAMETERS);

    /** Parameters that stay inside the container: its metadata, process, logging, health and resources. */
    public static final Set<String> SAFE_PARAMETERS = Set.of("add-host", "dns", "dns-option", "dns-search", "entrypoint",
            "env", "expose", "health-cmd", "health-interval", "health-retries", "health-start-period",
            "health-timeout", "hostname", "init", "label", "log-driver", "log-opt", "memory-reservation",
            "no-healthcheck", "pull", "read-only", "shm-size", "stop-signal", "stop-timeout", "tmpfs", "user",
            "workdir");

    public static final DockerPolicy SAFE = new DockerPolicy(false, false, false);

    /** The policy that allows these options ({@code --docker_unsafe_options privileged,host_volumes,parameters}). */
    public static DockerPolicy allowing(Collection<String> options) {
        Set<String> unknown = new TreeSet<>();
        Set<String> given = new TreeSet<>();
        for (String o : options) {
            String name = o.strip();
            if (name.isEmpty()) {
                continue;
            }
            (OPTIONS.contains(name) ? given : unknown).add(name);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown Docker unsafe option(s) " + unknown + " (known: "
                    + new TreeSet<>(OPTIONS) + ")");
        }
        return new DockerPolicy(given.contains(PRIVILEGED), given.contains(HOST_VOLUMES), given.contains(PARAMETERS));
    }

    /** The app's container fields this policy refuses, each at its path under {@code prefix} (an app of a group). */
    public List<Violation> violations(AppDefinition app, String prefix) {
        List<Violation> out = new ArrayList<>();
        AppDefinition.Container c = app.container();
        if (c == null) {
            return out;
        }
        AppDefinition.Docker d = c.docker();
        if (!privileged && d != null && Boolean.TRUE.equals(d.privileged())) {
            out.add(Violation.of(prefix + "/container/docker/privileged", "Privileged containers are not allowed "
                    + "here (Marathon runs without --docker_unsafe_options " + PRIVILEGED + ")"));
        }
        if (!hostVolumes && c.volumes() != null) {
            for (int i = 0; i < c.volumes().size(); i++) {
                if (c.volumes().get(i).hasNonNull("hostPath")) {
                    out.add(Violation.of(prefix + "/container/volumes(" + i + ")/hostPath", "Host-path volumes are "
                            + "not allowed here (Marathon runs without --docker_unsafe_options " + HOST_VOLUMES + ")"));
                }
            }
        }
        if (!parameters && d != null && d.parameters() != null) {
            for (int i = 0; i < d.parameters().size(); i++) {
                String key = key(d.parameters().get(i));
                if (!SAFE_PARAMETERS.contains(key)) {
                    out.add(Violation.of(prefix + "/container/docker/parameters(" + i + ")", "Docker parameter '"
                            + key + "' is not allowed here (allowed: " + String.join(", ", new TreeSet<>(
                            SAFE_PARAMETERS)) + "; others need --docker_unsafe_options " + PARAMETERS + ")"));
                }
            }
        }
        return out;
    }

    /** {@code pid}, as {@code --pid} or {@code -pid} would be written too. */
    private static String key(JsonNode parameter) {
        return parameter.path("key").asText("").replaceFirst("^-+", "");
    }
}
