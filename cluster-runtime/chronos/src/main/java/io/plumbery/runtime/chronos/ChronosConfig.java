package io.plumbery.runtime.chronos;

import io.plumbery.runtime.chronos.job.JobDefaults;
import java.time.Duration;

/**
 * Chronos's flags as a value. {@code master} is {@code zk://.../mesos} or {@code host:port}; {@code zk}
 * ({@code zk://.../chronos}) holds the jobs, the framework id and the leader latch, and may be null for a lone
 * Chronos keeping its jobs in memory.
 */
public record ChronosConfig(String hostname, String httpAddress, int httpPort, String master, String zk,
                            String frameworkName, String user, double failoverTimeoutSeconds, Duration failureRetry,
                            Duration zkSessionTimeout, JobDefaults jobDefaults) {

    public static ChronosConfig of(String hostname, int httpPort, String master, String zk) {
        return new ChronosConfig(hostname, hostname, httpPort, master, zk, "chronos", "root", 604_800,
                Duration.ofMinutes(1), Duration.ofSeconds(4), JobDefaults.chronos());
    }

    public ChronosConfig withFailureRetry(Duration delay) {
        return new ChronosConfig(hostname, httpAddress, httpPort, master, zk, frameworkName, user,
                failoverTimeoutSeconds, delay, zkSessionTimeout, jobDefaults);
    }

    public ChronosConfig withUser(String runAs) {
        return new ChronosConfig(hostname, httpAddress, httpPort, master, zk, frameworkName, runAs,
                failoverTimeoutSeconds, failureRetry, zkSessionTimeout, new JobDefaults(jobDefaults.cpus(),
                jobDefaults.mem(), jobDefaults.disk(), runAs, jobDefaults.epsilonSeconds()));
    }
}
