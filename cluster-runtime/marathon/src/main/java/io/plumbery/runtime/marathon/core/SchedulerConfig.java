package io.plumbery.runtime.marathon.core;

import java.time.Duration;

/** What the scheduler needs to know about itself and the master. */
public record SchedulerConfig(String master, String frameworkName, String hostname, String webuiUrl,
                              double failoverTimeoutSeconds, double declineOfferSeconds, Duration tick,
                              Duration reconciliationInterval, String user) {

    public static SchedulerConfig defaults(String master, String hostname, String webuiUrl) {
        return new SchedulerConfig(master, "marathon", hostname, webuiUrl, 604_800, 5, Duration.ofMillis(250),
                Duration.ofSeconds(30), System.getProperty("user.name", "root"));
    }

    public SchedulerConfig withFramework(String name, double failoverTimeout, double declineSeconds) {
        return new SchedulerConfig(master, name, hostname, webuiUrl, failoverTimeout, declineSeconds, tick,
                reconciliationInterval, user);
    }
}
