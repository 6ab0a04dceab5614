package io.plumbery.runtime.master;

import io.plumbery.runtime.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The master's flags as a value. */
public record MasterConfig(String ip, String hostname, int port, String zk, int quorum, Path workDir,
                           Duration zkSessionTimeout, Duration offerTimeout, Duration allocationInterval,
                           Duration heartbeatInterval, Duration agentRemovalTimeout, RegistryConfig registry) {

    public static MasterConfig defaults(String ip, int port, String zk, Path workDir) {
        return new MasterConfig(ip, ip, port, zk, 1, workDir, Duration.ofSeconds(4), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(75), RegistryConfig.defaults());
    }

    public MasterConfig withTimeouts(Duration offers, Duration allocation, Duration heartbeat, Duration agentRemoval) {
        return new MasterConfig(ip, hostname, port, zk, quorum, workDir, zkSessionTimeout, offers, allocation, heartbeat,
                agentRemoval, registry);
    }

    public MasterConfig withRegistry(RegistryConfig newRegistry) {
        return new MasterConfig(ip, hostname, port, zk, quorum, workDir, zkSessionTimeout, offerTimeout,
                allocationInterval, heartbeatInterval, agentRemovalTimeout, newRegistry);
    }
}
