package io.plumbery.runtime.registry;

import io.plumbery.runtime.protocol.AgentInfo;

/** An agent the registry admitted (Mesos's {@code Registry.Slave}): its id, AgentInfo and its API's host:port. */
public record AdmittedAgent(String id, AgentInfo info, String endpoint) {
}
