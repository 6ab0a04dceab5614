package io.plumbery.runtime.agent;

import io.plumbery.runtime.protocol.Attribute;
import io.plumbery.runtime.protocol.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's flags as a value. {@code master} is {@code zk://.../mesos} or {@code host:port}; {@code docker} is the
 * Docker client binary of the Docker containerizer, null when that containerizer is off ({@code --containerizers}
 * without {@code docker}); {@code externalLogFile} is the file the agent's log goes to, served at {@code /slave/log},
 * null when it goes to no file the agent knows of; {@code taskUsers} who command tasks run as; {@code images} how
 * tasks with a container image get it ({@code --image_providers=docker}), null when no image provider is on.
 */
public record AgentConfig(String ip, String hostname, int port, String master, Resources resources,
                          List<Attribute> attributes, Path workDir, Duration heartbeatInterval,
                          Duration statusRetryInterval, Duration defaultGracePeriod, Duration zkSessionTimeout,
                          String docker, Path externalLogFile, TaskUserPolicy taskUsers,
                          ImageSettings images) {

    public static AgentConfig of(String ip, int port, String master, Resources resources, Path workDir) {
        return new AgentConfig(ip, ip, port, master, resources, List.of(), workDir, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(4), null, null, TaskUserPolicy.MESOS, null);
    }

    public AgentConfig withIntervals(Duration heartbeat, Duration statusRetry, Duration grace) {
        return new AgentConfig(ip, hostname, port, master, resources, attributes, workDir, heartbeat, statusRetry, grace,
                zkSessionTimeout, docker, externalLogFile, taskUsers, images);
    }

    public AgentConfig withAttributes(List<Attribute> attrs) {
        return new AgentConfig(ip, hostname, port, master, resources, attrs, workDir, heartbeatInterval,
                statusRetryInterval, defaultGracePeriod, zkSessionTimeout, docker, externalLogFile, taskUsers, images);
    }

    /** Turns the Docker containerizer on, with this client binary. */
    public AgentConfig withDocker(String dockerBinary) {
        return new AgentConfig(ip, hostname, port, master, resources, attributes, workDir, heartbeatInterval,
                statusRetryInterval, defaultGracePeriod, zkSessionTimeout, dockerBinary, externalLogFile, taskUsers, images);
    }

    /** The file the agent's log goes to, which its files endpoints then serve at {@code /slave/log}. */
    public AgentConfig withExternalLogFile(Path logFile) {
        return new AgentConfig(ip, hostname, port, master, resources, attributes, workDir, heartbeatInterval,
                statusRetryInterval, defaultGracePeriod, zkSessionTimeout, docker, logFile, taskUsers, images);
    }

    /** Who command tasks run as ({@code --switch_user}, {@code --allow_root_tasks}). */
    public AgentConfig withTaskUsers(TaskUserPolicy policy) {
        return new AgentConfig(ip, hostname, port, master, resources, attributes, workDir, heartbeatInterval,
                statusRetryInterval, defaultGracePeriod, zkSessionTimeout, docker, externalLogFile, policy, images);
    }

    /** Turns the docker image provider on ({@code --image_providers=docker}) with these settings. */
    public AgentConfig withImages(ImageSettings settings) {
        return new AgentConfig(ip, hostname, port, master, resources, attributes, workDir, heartbeatInterval,
                statusRetryInterval, defaultGracePeriod, zkSessionTimeout, docker, externalLogFile, taskUsers, settings);
    }
}
