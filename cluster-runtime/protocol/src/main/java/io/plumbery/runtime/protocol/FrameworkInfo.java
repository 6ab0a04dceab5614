package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** mesos.v1.FrameworkInfo. */
public record FrameworkInfo(String user, String name, Id id, Double failoverTimeout, Boolean checkpoint, String role,
                            List<String> roles, String hostname, String principal, String webuiUrl,
                            List<Capability> capabilities, JsonNode labels) {

    public record Capability(String type) {
    }

    public FrameworkInfo withId(Id newId) {
        return new FrameworkInfo(user, name, newId, failoverTimeout, checkpoint, role, roles, hostname, principal,
                webuiUrl, capabilities, labels);
    }

    public FrameworkInfo withPrincipal(String newPrincipal) {
        return new FrameworkInfo(user, name, id, failoverTimeout, checkpoint, role, roles, hostname, newPrincipal,
                webuiUrl, capabilities, labels);
    }

    public boolean hasCapability(String type) {
        return capabilities != null && capabilities.stream().anyMatch(c -> type.equals(c.type()));
    }

    /** The role this framework is offered resources for (first of roles, else role, else "*"). */
    public String effectiveRole() {
        if (roles != null && !roles.isEmpty()) {
            return roles.get(0);
        }
        return role != null ? role : "*";
    }

    public List<String> effectiveRoles() {
        return roles != null && !roles.isEmpty() ? roles : List.of(role != null ? role : "*");
    }

    public double failoverTimeoutSeconds() {
        return failoverTimeout == null ? 0.0 : failoverTimeout;
    }
}
