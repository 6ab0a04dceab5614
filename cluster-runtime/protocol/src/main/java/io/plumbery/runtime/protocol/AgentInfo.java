package io.plumbery.runtime.protocol;

import java.util.List;

/** mesos.v1.AgentInfo. */
public record AgentInfo(String hostname, Integer port, List<Resource> resources, List<Attribute> attributes, Id id) {
    public AgentInfo withId(Id newId) {
        return new AgentInfo(hostname, port, resources, attributes, newId);
    }
}
