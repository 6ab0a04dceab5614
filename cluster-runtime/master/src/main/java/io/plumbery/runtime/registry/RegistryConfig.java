package io.plumbery.runtime.registry;

import java.time.Duration;

/**
 * The registry's flags, as Mesos names them: {@code --agent_reregister_timeout} (how long agents recovered from the
 * registry have to re-register with a new leader before they are marked unreachable), {@code --registry_max_agent_age}
 * and {@code --registry_max_agent_count} (how long, and how many, unreachable and gone agents the registry remembers).
 */
public record RegistryConfig(Duration agentReregisterTimeout, Duration maxAgentAge, int maxAgentCount) {

    /** Mesos's defaults: 10 minutes, 2 weeks, 102400. */
    public static RegistryConfig defaults() {
        return new RegistryConfig(Duration.ofMinutes(10), Duration.ofDays(14), 102_400);
    }

    public RegistryConfig withAgentReregisterTimeout(Duration timeout) {
        return new RegistryConfig(timeout, maxAgentAge, maxAgentCount);
    }
}
