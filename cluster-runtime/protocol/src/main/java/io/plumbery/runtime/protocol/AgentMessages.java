package io.plumbery.runtime.protocol;

import java.util.List;

/** The internal master/agent protocol (ours, JSON over HTTP; real Mesos agents do not speak it). */
public final class AgentMessages {
    private AgentMessages() {
    }

    /** The master's endpoints for agents start with it. */
    public static final String MASTER_INTERNAL = "/internal/agent/";
    public static final String MASTER_REGISTER = MASTER_INTERNAL + "register";
    public static final String MASTER_HEARTBEAT = MASTER_INTERNAL + "heartbeat";
    public static final String MASTER_UPDATE = MASTER_INTERNAL + "update";
    public static final String AGENT_LAUNCH = "/internal/launch";
    public static final String AGENT_KILL = "/internal/kill";
    public static final String AGENT_ACK = "/internal/ack";
    public static final String AGENT_SHUTDOWN_FRAMEWORK = "/internal/shutdown-framework";

    /**
     * The header of the master's calls to an agent, holding the token that the master gave the agent when it
     * registered ({@link Registered#token()}): the agent obeys only the master it is registered with.
     */
    public static final String MASTER_TOKEN = "Plumbery-Master-Token";

    /**
     * With the token, on a read the master makes for someone it authenticated: that principal, whom the agent's own
     * {@code --acls} then judge (the token vouches for it).
     */
    public static final String MASTER_PRINCIPAL = "Plumbery-Master-Principal";

    /** Agents that declare it take launches and acks in batches ({@link Launches}, {@link Acks}). */
    public static final String BATCHES = "BATCHES";

    /** Agents that declare it run tasks with a DOCKER container (their Docker containerizer is on). */
    public static final String DOCKER = "DOCKER";

    /** Agent to master: (re)registration with the tasks it runs; capabilities such as {@link #BATCHES}. */
    public record Register(AgentInfo agentInfo, String endpoint, String version, List<RunningTask> tasks,
                           List<String> capabilities) {
        public boolean batches() {
            return capabilities != null && capabilities.contains(BATCHES);
        }
    }

    public record RunningTask(String frameworkId, FrameworkInfo frameworkInfo, TaskInfo task, TaskStatus latest) {
    }

    /** The master's answer to a registration; {@code token} goes with each of its calls to the agent. */
    public record Registered(String agentId, MasterInfo masterInfo, String token) {
    }

    public record Heartbeat(String agentId) {
    }

    public record StatusUpdate(String agentId, String frameworkId, TaskStatus status) {
    }

    /** Status updates in the order the agent produced them (one request carries whatever is queued). */
    public record StatusUpdates(String agentId, List<StatusUpdate> updates) {
    }

    /** Master's answer: uuids of updates whose framework is gone, which the agent stops retrying. */
    public record UpdatesReply(List<String> forget) {
    }

    public record Launch(String frameworkId, FrameworkInfo frameworkInfo, TaskInfo task) {
    }

    /** Tasks of one ACCEPT for one agent, in one request. */
    public record Launches(List<Launch> launches) {
    }

    /** Acknowledgements queued for one agent, in one request. */
    public record Acks(List<Ack> acks) {
    }

    public record Kill(String frameworkId, String taskId, Long gracePeriodNanos) {
    }

    public record Ack(String frameworkId, String taskId, String uuid) {
    }

    public record ShutdownFramework(String frameworkId) {
    }
}
