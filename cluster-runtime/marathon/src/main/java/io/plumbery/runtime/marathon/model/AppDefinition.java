package io.plumbery.runtime.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Marathon app as POSTed to {@code /v2/apps} (Marathon 1.x field names). Fields are nullable as parsed;
 * {@link #withDefaults()} fills Marathon's defaults so that stored and returned apps are complete. {@code role} (the
 * Mesos role of its tasks, Marathon 1.9) is filled in when the app is deployed (see {@link RolePolicy}).
 */
public record AppDefinition(String id, String cmd, List<String> args, String user, Map<String, String> env,
                            Integer instances, Double cpus, Double mem, Double disk, Integer gpus,
                            List<List<String>> constraints, List<String> uris, JsonNode fetch,
                            Double backoffSeconds, Double backoffFactor, Double maxLaunchDelaySeconds,
                            Container container, List<HealthCheck> healthChecks, List<String> dependencies,
                            UpgradeStrategy upgradeStrategy, Map<String, String> labels,
                            List<String> acceptedResourceRoles, String killSelection, Boolean requirePorts,
                            List<PortDefinition> portDefinitions, List<Integer> ports,
                            Integer taskKillGracePeriodSeconds, String version, VersionInfo versionInfo,
                            JsonNode networks, String role) {

    public static final String YOUNGEST_FIRST = "YOUNGEST_FIRST";
    public static final String OLDEST_FIRST = "OLDEST_FIRST";

    /** A port of the app: {@code port} 0 means any host port from the offer, unless requirePorts. */
    public record PortDefinition(Integer port, String protocol, String name, Map<String, String> labels) {
    }

    public record UpgradeStrategy(Double minimumHealthCapacity, Double maximumOverCapacity) {
    }

    public record VersionInfo(String lastScalingAt, String lastConfigChangeAt) {
    }

    public record Container(String type, Docker docker, JsonNode volumes, JsonNode portMappings) {
    }

    public record Docker(String image, String network, Boolean privileged, Boolean forcePullImage,
                         JsonNode parameters, JsonNode portMappings) {
    }

    /** HTTP, HTTPS, TCP (run by Marathon), MESOS_* and COMMAND (recorded; not run by this Marathon). */
    public record HealthCheck(String protocol, String path, Integer portIndex, Integer port, JsonNode command,
                              Integer gracePeriodSeconds, Integer intervalSeconds, Integer timeoutSeconds,
                              Integer maxConsecutiveFailures, Boolean ignoreHttp1xx, Integer delaySeconds) {

        public HealthCheck withDefaults() {
            return new HealthCheck(protocol == null ? "HTTP" : protocol,
                    path == null && protocol != null && protocol.contains("HTTP") ? "/" : path,
                    portIndex == null && port == null && !"COMMAND".equals(protocol) ? Integer.valueOf(0) : portIndex,
                    port, command, or(gracePeriodSeconds, 300), or(intervalSeconds, 60), or(timeoutSeconds, 20),
                    or(maxConsecutiveFailures, 3), ignoreHttp1xx == null ? Boolean.FALSE : ignoreHttp1xx,
                    or(delaySeconds, 15));
        }
    }

    public PathId pathId() {
        return PathId.parse(id);
    }

    public List<PortDefinition> effectivePorts() {
        return portDefinitions == null ? List.of() : portDefinitions;
    }

    /** A Docker port mapping ({@code container.portMappings}, or the older {@code container.docker.portMappings}). */
    public record PortMapping(int containerPort, Integer hostPort, String protocol, String name) {
    }

    /** One host port a task needs from its offer: {@code port} exactly, or any free one when not {@code exact}. */
    public record HostPort(int port, boolean exact) {
    }

    public boolean isDocker() {
        return container != null && container.docker() != null
                && (container.type() == null || "DOCKER".equals(container.type()));
    }

    /**
     * The Docker network as Mesos names it (HOST, BRIDGE, USER, NONE): {@code container.docker.network} of
     * Marathon 1.4, else the first of 1.5's {@code networks} ({@code host}, {@code container/bridge},
     * {@code container}), else HOST.
     */
    public String dockerNetwork() {
        if (container != null && container.docker() != null && container.docker().network() != null) {
            return container.docker().network().toUpperCase(java.util.Locale.ROOT);
        }
        String mode = networks == null || !networks.isArray() || networks.isEmpty() ? "host"
                : networks.get(0).path("mode").asText("host");
        return switch (mode) {
            case "container/bridge" -> "BRIDGE";
            case "container" -> "USER";
            default -> "HOST";
        };
    }

    public List<PortMapping> portMappings() {
        JsonNode mappings = container == null ? null : container.portMappings();
        if ((mappings == null || mappings.isNull()) && container != null && container.docker() != null) {
            mappings = container.docker().portMappings();
        }
        if (mappings == null || !mappings.isArray()) {
            return List.of();
        }
        List<PortMapping> out = new ArrayList<>();
        for (JsonNode m : mappings) {
            out.add(new PortMapping(m.path("containerPort").asInt(0),
                    m.has("hostPort") && !m.get("hostPort").isNull() ? m.get("hostPort").asInt() : null,
                    m.path("protocol").asText("tcp"), m.hasNonNull("name") ? m.get("name").asText() : null));
        }
        return out;
    }

    /**
     * The host ports each task takes from its offer, in order: for a bridged Docker app, one per port mapping that
     * has a {@code hostPort} (0 = any, else exactly that one, as Marathon); otherwise one per port definition
     * (exact when {@code requirePorts}).
     */
    private List<String> portNames() {
        if (isDocker() && !"HOST".equals(dockerNetwork())) {
            return portMappings().stream().filter(m -> m.hostPort() != null).map(PortMapping::name).toList();
        }
        return effectivePorts().stream().map(PortDefinition::name).toList();
    }

    public List<HostPort> hostPorts() {
        if (isDocker() && !"HOST".equals(dockerNetwork())) {
            return portMappings().stream().filter(m -> m.hostPort() != null)
                    .map(m -> new HostPort(m.hostPort(), m.hostPort() != 0)).toList();
        }
        boolean exact = Boolean.TRUE.equals(requirePorts);
        return effectivePorts().stream().map(d -> new HostPort(d.port() == null ? 0 : d.port(), exact)).toList();
    }

    /** Marathon's defaults; {@code ports} becomes {@code portDefinitions}; the id is normalised. */
    public AppDefinition withDefaults() {
        List<PortDefinition> defs;
        if (portDefinitions != null) {
            defs = portDefinitions.stream().map(p -> new PortDefinition(or(p.port(), 0),
                    p.protocol() == null ? "tcp" : p.protocol(), p.name(), p.labels())).toList();
        } else if (ports != null) {
            defs = ports.stream().map(p -> new PortDefinition(p, "tcp", null, null)).toList();
        } else if (!portMappings().isEmpty()) {
            defs = List.of();
        } else {
            defs = List.of(new PortDefinition(0, "tcp", null, null));
        }
        List<HealthCheck> checks = healthChecks == null ? List.of()
                : healthChecks.stream().map(h -> h == null ? null : h.withDefaults()).toList();
        UpgradeStrategy us = upgradeStrategy == null ? new UpgradeStrategy(1.0, 1.0)
                : new UpgradeStrategy(upgradeStrategy.minimumHealthCapacity() == null ? 1.0
                : upgradeStrategy.minimumHealthCapacity(),
                upgradeStrategy.maximumOverCapacity() == null ? 1.0 : upgradeStrategy.maximumOverCapacity());
        return new AppDefinition(id == null ? null : PathId.parse(id).toString(), cmd, args, user,
                env == null ? Map.of() : env, or(instances, 1), or(cpus, 1.0), or(mem, 128.0), or(disk, 0.0),
                or(gpus, 0), constraints == null ? List.of() : constraints, uris == null ? List.of() : uris, fetch,
                or(backoffSeconds, 1.0), or(backoffFactor, 1.15), or(maxLaunchDelaySeconds, 3600.0), container,
                checks, dependencies == null ? List.of() : dependencies, us, labels == null ? Map.of() : labels,
                acceptedResourceRoles, killSelection == null ? YOUNGEST_FIRST : killSelection,
                requirePorts == null ? Boolean.FALSE : requirePorts, defs,
                defs.stream().map(PortDefinition::port).toList(), or(taskKillGracePeriodSeconds, null), version,
                versionInfo, networks, role);
    }

    public AppDefinition withVersion(String newVersion, VersionInfo info) {
        return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, constraints, uris, fetch,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, dependencies,
                upgradeStrategy, labels, acceptedResourceRoles, killSelection, requirePorts, portDefinitions, ports,
                taskKillGracePeriodSeconds, newVersion, info, networks, role);
    }

    public AppDefinition withPorts(List<PortDefinition> defs) {
        return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, constraints, uris, fetch,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, dependencies,
                upgradeStrategy, labels, acceptedResourceRoles, killSelection, requirePorts, defs,
                defs.stream().map(PortDefinition::port).toList(), taskKillGracePeriodSeconds, version, versionInfo, networks,
                role);
    }

    public AppDefinition withInstances(int n) {
        return new AppDefinition(id, cmd, args, user, env, n, cpus, mem, disk, gpus, constraints, uris, fetch,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, dependencies,
                upgradeStrategy, labels, acceptedResourceRoles, killSelection, requirePorts, portDefinitions, ports,
                taskKillGracePeriodSeconds, version, versionInfo, networks, role);
    }

    /** The same app in {@code newRole}. */
    public AppDefinition withRole(String newRole) {
        return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, constraints, uris, fetch,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, dependencies,
                upgradeStrategy, labels, acceptedResourceRoles, killSelection, requirePorts, portDefinitions, ports,
                taskKillGracePeriodSeconds, version, versionInfo, networks, newRole);
    }

    /** True when only instances (or version fields) differ: a scale, which does not restart tasks. */
    public boolean isOnlyScaleOf(AppDefinition other) {
        return withInstances(0).withVersion(null, null).equals(other.withInstances(0).withVersion(null, null));
    }

    /** Environment for the task: the app's env plus Marathon's own variables. */
    public Map<String, String> taskEnv(List<Integer> hostPorts, String host, String taskId) {
        Map<String, String> out = new LinkedHashMap<>(env == null ? Map.of() : env);
        List<String> all = new ArrayList<>();
        List<String> names = portNames();
        for (int i = 0; i < hostPorts.size(); i++) {
            String p = String.valueOf(hostPorts.get(i));
            out.put("PORT" + i, p);
            all.add(p);
            String name = i < names.size() ? names.get(i) : null;
            if (name != null) {
                out.put("PORT_" + name.toUpperCase().replace('-', '_'), p);
            }
        }
        if (isDocker() && !"HOST".equals(dockerNetwork())) {
            // as Marathon for bridged containers: PORT_<containerPort> is the host port that maps to it
            List<PortMapping> mapped = portMappings().stream().filter(m -> m.hostPort() != null).toList();
            for (int i = 0; i < mapped.size() && i < hostPorts.size(); i++) {
                int containerPort = mapped.get(i).containerPort() == 0 ? hostPorts.get(i) : mapped.get(i).containerPort();
                out.put("PORT_" + containerPort, String.valueOf(hostPorts.get(i)));
            }
        }
        if (!hostPorts.isEmpty()) {
            out.put("PORT", String.valueOf(hostPorts.get(0)));
            out.put("PORTS", String.join(",", all));
        }
        out.put("HOST", host);
        out.put("MARATHON_APP_ID", id);
        out.put("MARATHON_APP_VERSION", version == null ? "" : version);
        out.put("MESOS_TASK_ID", taskId);
        out.put("MARATHON_APP_RESOURCE_CPUS", String.valueOf(cpus));
        out.put("MARATHON_APP_RESOURCE_MEM", String.valueOf(mem));
        out.put("MARATHON_APP_RESOURCE_DISK", String.valueOf(disk));
        if (labels != null && !labels.isEmpty()) {
            out.put("MARATHON_APP_LABELS", String.join(" ", labels.keySet()));
            labels.forEach((k, v) -> out.put("MARATHON_APP_LABEL_" + k.toUpperCase().replaceAll("[^A-Z0-9_]", "_"), v));
        }
        return out;
    }

    /** Configuration version: changes on restart and config change, not on scaling. */
    public String configVersion() {
        return versionInfo == null ? version : versionInfo.lastConfigChangeAt();
    }

    static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
