package io.plumbery.runtime.marathon.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Marathon app as POSTed to {@code /v2/apps} (Marathon 1.x field names). Fields are nullable as parsed;
 * {@link #withDefaults()} fills Marathon's defaults so that stored and returned apps are complete.
 */
public record AppDefinition(String id, String cmd, List<String> args, String user, Map<String, String> env,
                            Integer instances, Double cpus, Double mem, Double disk, Integer gpus,
                            List<List<String>> constraints, List<String> uris, JsonNode fetch,
                            Double backoffSeconds, Double backoffFactor, Double maxLaunchDelaySeconds,
                            Container container, List<HealthCheck> healthChecks, List<String> dependencies,
                            UpgradeStrategy upgradeStrategy, Map<String, String> labels,
                            List<String> acceptedResourceRoles, String killSelection, Boolean requirePorts,
                            List<PortDefinition> portDefinitions, List<Integer> ports,
                            Integer taskKillGracePeriodSeconds, String version, VersionInfo versionInfo) {

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

    /** Marathon's defaults; {@code ports} becomes {@code portDefinitions}; the id is normalised. */
    public AppDefinition withDefaults() {
        List<PortDefinition> defs;
        if (portDefinitions != null) {
            defs = portDefinitions.stream().map(p -> new PortDefinition(or(p.port(), 0),
                    p.protocol() == null ? "tcp" : p.protocol(), p.name(), p.labels())).toList();
        } else if (ports != null) {
            defs = ports.stream().map(p -> new PortDefinition(p, "tcp", null, null)).toList();
        } else if (container != null && container.docker() != null && container.docker().portMappings() != null) {
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
                versionInfo);
    }

    public AppDefinition withVersion(String newVersion, VersionInfo info) {
        return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, constraints, uris, fetch,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, dependencies,
                upgradeStrategy, labels, acceptedResourceRoles, killSelection, requirePorts, portDefinitions, ports,
                taskKillGracePeriodSeconds, newVersion, info);
    }

    public AppDefinition withPorts(List<PortDefinition> defs) {
        return new AppDefinition(id, cmd, args, user, env, instances, cpus, mem, disk, gpus, constraints, uris, fetch,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, dependencies,
                upgradeStrategy, labels, acceptedResourceRoles, killSelection, requirePorts, defs,
                defs.stream().map(PortDefinition::port).toList(), taskKillGracePeriodSeconds, version, versionInfo);
    }

    public AppDefinition withInstances(int n) {
        return new AppDefinition(id, cmd, args, user, env, n, cpus, mem, disk, gpus, constraints, uris, fetch,
                backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, dependencies,
                upgradeStrategy, labels, acceptedResourceRoles, killSelection, requirePorts, portDefinitions, ports,
                taskKillGracePeriodSeconds, version, versionInfo);
    }

    /** True when only instances (or version fields) differ: a scale, which does not restart tasks. */
    public boolean isOnlyScaleOf(AppDefinition other) {
        return withInstances(0).withVersion(null, null).equals(other.withInstances(0).withVersion(null, null));
    }

    /** Environment for the task: the app's env plus Marathon's own variables. */
    public Map<String, String> taskEnv(List<Integer> hostPorts, String host, String taskId) {
        Map<String, String> out = new LinkedHashMap<>(env == null ? Map.of() : env);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < hostPorts.size(); i++) {
            String p = String.valueOf(hostPorts.get(i));
            out.put("PORT" + i, p);
            all.add(p);
            List<PortDefinition> defs = effectivePorts();
            if (i < defs.size() && defs.get(i).name() != null) {
                out.put("PORT_" + defs.get(i).name().toUpperCase().replace('-', '_'), p);
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
