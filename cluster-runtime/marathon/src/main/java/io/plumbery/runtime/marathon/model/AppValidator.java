package io.plumbery.runtime.marathon.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Marathon's app validation: every violation at once, each with its JSON path. */
public final class AppValidator {
    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS",
            "MESOS_TCP");

    private AppValidator() {
    }

    /** Validates an app after {@link AppDefinition#withDefaults()}. */
    public static List<Violation> validate(AppDefinition app) {
        List<Violation> out = new ArrayList<>();
        if (app.id() == null || app.id().isBlank()) {
            out.add(Violation.of("/id", "error.path.missing"));
        } else if (!app.pathId().isValid()) {
            out.add(Violation.of("/id", PathId.SEGMENT_RULE));
        }
        boolean hasCmd = app.cmd() != null && !app.cmd().isBlank();
        boolean hasArgs = app.args() != null && !app.args().isEmpty();
        if (!hasCmd && !hasArgs && app.container() == null) {
            out.add(Violation.of("/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."));
        }
        if (hasCmd && hasArgs) {
            out.add(Violation.of("/", "AppDefinition must either contain a 'cmd' or a 'args', but not both"));
        }
        atLeast(out, "/cpus", app.cpus(), 0);
        atLeast(out, "/mem", app.mem(), 0);
        atLeast(out, "/disk", app.disk(), 0);
        atLeast(out, "/gpus", app.gpus().doubleValue(), 0);
        atLeast(out, "/instances", app.instances().doubleValue(), 0);
        atLeast(out, "/backoffSeconds", app.backoffSeconds(), 0);
        atLeast(out, "/backoffFactor", app.backoffFactor(), 1.0);
        atLeast(out, "/maxLaunchDelaySeconds", app.maxLaunchDelaySeconds(), 0);
        between(out, "/upgradeStrategy/minimumHealthCapacity", app.upgradeStrategy().minimumHealthCapacity());
        between(out, "/upgradeStrategy/maximumOverCapacity", app.upgradeStrategy().maximumOverCapacity());
        if (!Set.of(AppDefinition.YOUNGEST_FIRST, AppDefinition.OLDEST_FIRST).contains(app.killSelection())) {
            out.add(Violation.of("/killSelection", "error.expected.enumstring: YOUNGEST_FIRST, OLDEST_FIRST"));
        }
        for (int i = 0; i < app.constraints().size(); i++) {
            List<String> errors = Constraints.validate(app.constraints().get(i));
            if (!errors.isEmpty()) {
                out.add(new Violation("/constraints(" + i + ")", errors));
            }
        }
        ports(out, app);
        List<String> deps = app.dependencies() == null ? List.of() : app.dependencies();
        for (int i = 0; i < deps.size(); i++) {
            // as Marathon's pathIdValidator; whether the id names an app is checked against the other apps
            if (deps.get(i) == null || !PathId.parse(deps.get(i)).isValid()) {
                out.add(Violation.of("/dependencies(" + i + ")", PathId.SEGMENT_RULE));
            }
        }
        for (int i = 0; i < app.healthChecks().size(); i++) {
            healthCheck(out, "/healthChecks(" + i + ")", app.healthChecks().get(i), app.hostPorts().size());
        }
        if (app.container() != null && "DOCKER".equals(app.container().type())
                && (app.container().docker() == null || app.container().docker().image() == null
                || app.container().docker().image().isBlank())) {
            out.add(Violation.of("/container/docker/image", "must not be empty"));
        }
        return out;
    }

    private static void ports(List<Violation> out, AppDefinition app) {
        Set<Integer> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<AppDefinition.PortDefinition> defs = app.portDefinitions();
        for (int i = 0; i < defs.size(); i++) {
            AppDefinition.PortDefinition p = defs.get(i);
            if (p.port() < 0 || p.port() > 65535) {
                out.add(Violation.of("/portDefinitions(" + i + ")/port", "got " + p.port() + ", expected between 0 and 65535"));
            } else if (p.port() != 0 && !seen.add(p.port())) {
                out.add(Violation.of("/portDefinitions", "Ports must be unique."));
            }
            if (p.name() != null && !names.add(p.name())) {
                out.add(Violation.of("/portDefinitions", "Port names must be unique."));
            }
            if (!Set.of("tcp", "udp", "udp,tcp", "tcp,udp").contains(p.protocol())) {
                out.add(Violation.of("/portDefinitions(" + i + ")/protocol", "Invalid protocol. Only 'udp', 'tcp' and 'udp,tcp' are allowed."));
            }
        }
        if (app.requirePorts() && defs.stream().anyMatch(p -> p.port() == 0)) {
            out.add(Violation.of("/portDefinitions", "Ports must be non-zero when requirePorts is true"));
        }
    }

    private static void healthCheck(List<Violation> out, String path, AppDefinition.HealthCheck h, int ports) {
        if (h == null) {
            out.add(Violation.of(path, "error.expected.jsobject"));
            return;
        }
        if (!PROTOCOLS.contains(h.protocol())) {
            out.add(Violation.of(path + "/protocol", "error.expected.enumstring: " + String.join(", ", PROTOCOLS.stream().sorted().toList())));
        }
        if ("COMMAND".equals(h.protocol()) && (h.command() == null || h.command().path("value").asText("").isEmpty())) {
            out.add(Violation.of(path + "/command", "Health check protocol COMMAND needs a command"));
        }
        if (!"COMMAND".equals(h.protocol()) && h.port() == null && h.portIndex() != null
                && (h.portIndex() < 0 || h.portIndex() >= ports)) {
            out.add(Violation.of(path + "/portIndex", "Health check port index must point into the app's ports"));
        }
        atLeast(out, path + "/gracePeriodSeconds", h.gracePeriodSeconds().doubleValue(), 0);
        atLeast(out, path + "/intervalSeconds", h.intervalSeconds().doubleValue(), 0);
        atLeast(out, path + "/timeoutSeconds", h.timeoutSeconds().doubleValue(), 0);
        atLeast(out, path + "/maxConsecutiveFailures", h.maxConsecutiveFailures().doubleValue(), 0);
        if (h.timeoutSeconds() >= h.intervalSeconds() && h.intervalSeconds() > 0) {
            out.add(Violation.of(path + "/timeoutSeconds", "timeoutSeconds must be lower than intervalSeconds"));
        }
    }

    private static void atLeast(List<Violation> out, String path, double value, double min) {
        if (value < min) {
            out.add(Violation.of(path, "got " + value + ", expected " + min + " or more"));
        }
    }

    private static void between(List<Violation> out, String path, double value) {
        if (value < 0 || value > 1) {
            out.add(Violation.of(path, "got " + value + ", expected between 0.0 and 1.0"));
        }
    }
}
