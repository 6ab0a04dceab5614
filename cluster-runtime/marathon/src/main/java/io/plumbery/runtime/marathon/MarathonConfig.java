package io.plumbery.runtime.marathon;

import java.time.Duration;

/**
 * Marathon's flags as a value. {@code master} is {@code zk://.../mesos} or {@code host:port}; {@code zk}
 * ({@code zk://.../marathon}) holds state and the leader latch, and may be null for a lone in-memory Marathon.
 */
public record MarathonConfig(String hostname, String httpAddress, int httpPort, String master, String zk,
                             String frameworkName, double failoverTimeoutSeconds, double declineOfferSeconds,
                             Duration zkSessionTimeout, Duration tick, Duration reconciliationInterval) {

    public static MarathonConfig of(String hostname, int httpPort, String master, String zk) {
        return new MarathonConfig(hostname, hostname, httpPort, master, zk, "marathon", 604_800, 5,
                Duration.ofSeconds(4), Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    public MarathonConfig withDeclineOfferSeconds(double seconds) {
        return new MarathonConfig(hostname, httpAddress, httpPort, master, zk, frameworkName, failoverTimeoutSeconds,
                seconds, zkSessionTimeout, tick, reconciliationInterval);
    }
}
