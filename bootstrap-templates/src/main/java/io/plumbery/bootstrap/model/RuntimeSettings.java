package io.plumbery.bootstrap.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Cluster-wide settings of the rendered files that a plan does not carry; {@link #defaults()} is what
 * plumbery uses. Ports and paths are the cluster-runtime's; heaps are {@code -Xmx} values in MiB.
 */
public record RuntimeSettings(String serviceUser, String javaCommand, String runtimeJar,
                              int zookeeperClientPort, int zookeeperTickMs,
                              int masterPort, int agentPort, int marathonPort, int chronosPort, int dnsPort, int dnsHttpPort,
                              int zookeeperHeapMb, int masterHeapMb, int marathonHeapMb, int chronosHeapMb, int dnsHeapMb,
                              int agentHeapMb,
                              int agentDiskMb, int agentReservedMemoryMb, String agentPorts,
                              String masterHealthPath, String agentHealthPath, String marathonHealthPath,
                              String chronosHealthPath, String dnsHealthPath, String taskUser,
                              List<String> packages, List<String> ntpServers) {

    public RuntimeSettings {
        Objects.requireNonNull(serviceUser, "serviceUser");
        Objects.requireNonNull(javaCommand, "javaCommand");
        Objects.requireNonNull(runtimeJar, "runtimeJar");
        Objects.requireNonNull(taskUser, "taskUser");
        packages = List.copyOf(packages);
        ntpServers = List.copyOf(ntpServers);
    }

    public static RuntimeSettings defaults() {
        return new RuntimeSettings("plumbery", "/usr/bin/java", "/opt/plumbery/plumbery-cluster-runtime.jar",
                2181, 500,
                5050, 5051, 8080, 4400, 53, 8123,
                192, 384, 384, 256, 96, 256,
                10240, 512, "[31000-32000]",
                // Chronos has no open health endpoint: /leader answers 401 without credentials, which counts as up
                "/master/health", "/health", "/ping", "/leader", "/v1/version",
                // tasks run as nobody (see README, "Tasks and their user")
                "nobody",
                List.of("curl", "ca-certificates", "openjdk-17-jre-headless"),
                List.of("0.pool.ntp.org", "1.pool.ntp.org", "2.pool.ntp.org"));
    }

    /** A copy with another ZooKeeper client port (tests listen on a random loopback port). */
    public RuntimeSettings withZookeeperClientPort(int port) {
        return new RuntimeSettings(serviceUser, javaCommand, runtimeJar, port, zookeeperTickMs,
                masterPort, agentPort, marathonPort, chronosPort, dnsPort, dnsHttpPort, zookeeperHeapMb, masterHeapMb,
                marathonHeapMb, chronosHeapMb, dnsHeapMb, agentHeapMb, agentDiskMb, agentReservedMemoryMb, agentPorts,
                masterHealthPath, agentHealthPath, marathonHealthPath, chronosHealthPath, dnsHealthPath, taskUser,
                packages, ntpServers);
    }

    /**
     * A copy with other packages and NTP servers; an empty list leaves that section out of the cloud-config
     * (for images that have everything and nodes without Internet access, such as local containers).
     */
    public RuntimeSettings withPackagesAndNtp(List<String> packages, List<String> ntpServers) {
        return new RuntimeSettings(serviceUser, javaCommand, runtimeJar, zookeeperClientPort, zookeeperTickMs,
                masterPort, agentPort, marathonPort, chronosPort, dnsPort, dnsHttpPort, zookeeperHeapMb, masterHeapMb,
                marathonHeapMb, chronosHeapMb, dnsHeapMb, agentHeapMb, agentDiskMb, agentReservedMemoryMb, agentPorts,
                masterHealthPath, agentHealthPath, marathonHealthPath, chronosHealthPath, dnsHealthPath, taskUser,
                packages, ntpServers);
    }

    /** The {@code -Xmx} of the service's JVM, in MiB. */
    public int heapMb(Role role) {
        return switch (role) {
            case ZOOKEEPER -> zookeeperHeapMb;
            case MASTER -> masterHeapMb;
            case MARATHON -> marathonHeapMb;
            case CHRONOS -> chronosHeapMb;
            case MESOS_DNS -> dnsHeapMb;
            case AGENT -> agentHeapMb;
        };
    }

    /**
     * The memory an agent offers to tasks on a node of {@code memoryMb} running {@code services}: what is left once
     * the system ({@code agentReservedMemoryMb}) and the heap of every service on the node (the agent's own, and the
     * master's, ZooKeeper's, ... where a node is both master and agent) are set aside; at least 128 MiB.
     */
    public int agentMemoryMb(int memoryMb, Set<Role> services) {
        return Math.max(128, memoryMb - agentReservedMemoryMb - services.stream().mapToInt(this::heapMb).sum());
    }

    /** Mesos' {@code --quorum} for this many masters: a strict majority. */
    public static int quorum(int masters) {
        return masters / 2 + 1;
    }
}
