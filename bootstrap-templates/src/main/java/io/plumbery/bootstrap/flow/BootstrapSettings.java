package io.plumbery.bootstrap.flow;

import io.plumbery.node.wait.Backoff;
import io.plumbery.node.wait.Wait;

import java.time.Duration;
import java.util.Objects;

/**
 * How the bootstrap runs: concurrency ({@code --parallel N}), timeouts per step, polling interval.
 *
 * @param requireCloudInit when false, a node without cloud-init is accepted (bring-your-own nodes)
 * @param sudo             run privileged commands through {@code sudo -n} (false when logging in as root)
 * @param remoteRoot       prefix of every path written on nodes, {@code {node}} replaced by the node name;
 *                         empty on real nodes (tests put each node under its own directory)
 * @param journalLines     how many journal lines a unit failure carries
 */
public record BootstrapSettings(int parallel, Wait connectRetry, Duration cloudInitTimeout,
                                boolean requireCloudInit, Duration commandTimeout, Duration unitActiveTimeout,
                                Duration healthTimeout, Duration pollInterval, boolean sudo, String remoteRoot,
                                int journalLines) {

    /** Connecting to a node that is booting: up to 60 attempts within 3 minutes, 250 ms doubling to 5 s. */
    public static final Wait NODE_BOOT = Wait.upTo(60, Duration.ofMinutes(3))
            .pausing(Backoff.exponential(Duration.ofMillis(250), 2, Duration.ofSeconds(5)));

    public BootstrapSettings {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        Objects.requireNonNull(connectRetry, "connectRetry");
        Objects.requireNonNull(cloudInitTimeout, "cloudInitTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(unitActiveTimeout, "unitActiveTimeout");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        remoteRoot = remoteRoot == null ? "" : remoteRoot;
    }

    public static BootstrapSettings defaults() {
        return new BootstrapSettings(4, NODE_BOOT, Duration.ofMinutes(10), true, Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMillis(500), true, "", 20);
    }

    public BootstrapSettings withParallel(int n) {
        return new BootstrapSettings(n, connectRetry, cloudInitTimeout, requireCloudInit, commandTimeout,
                unitActiveTimeout, healthTimeout, pollInterval, sudo, remoteRoot, journalLines);
    }

    public BootstrapSettings withRequireCloudInit(boolean required) {
        return new BootstrapSettings(parallel, connectRetry, cloudInitTimeout, required, commandTimeout,
                unitActiveTimeout, healthTimeout, pollInterval, sudo, remoteRoot, journalLines);
    }

    public BootstrapSettings withTimeouts(Duration unitActive, Duration health, Duration poll) {
        return new BootstrapSettings(parallel, connectRetry, cloudInitTimeout, requireCloudInit, commandTimeout,
                unitActive, health, poll, sudo, remoteRoot, journalLines);
    }

    public BootstrapSettings withRemoteRoot(String root) {
        return new BootstrapSettings(parallel, connectRetry, cloudInitTimeout, requireCloudInit, commandTimeout,
                unitActiveTimeout, healthTimeout, pollInterval, sudo, root, journalLines);
    }

    public BootstrapSettings withConnectRetry(Wait retry) {
        return new BootstrapSettings(parallel, retry, cloudInitTimeout, requireCloudInit, commandTimeout,
                unitActiveTimeout, healthTimeout, pollInterval, sudo, remoteRoot, journalLines);
    }

    /** The path on {@code node} where {@code path} (absolute) is written. */
    String onNode(String node, String path) {
        return remoteRoot.replace("{node}", node) + path;
    }
}
