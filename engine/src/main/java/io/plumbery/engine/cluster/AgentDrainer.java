package io.plumbery.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.plumbery.engine.Progress;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.plumbery.engine.cluster.LeaderOperator.call;

/**
 * Drains agents through the leading master's v1 operator API, as Mesos 1.9+ does it: {@code DRAIN_AGENT} with a grace
 * period (the agent gets no more offers, its tasks are killed within the grace period, and the frameworks, Marathon
 * first, launch replacements elsewhere), then a bounded wait until {@code GET_AGENTS} shows it {@code DRAINED} (or
 * gone, or without tasks). {@code REACTIVATE_AGENT} brings a drained agent back. Agents are found by the hostname
 * they registered with: the bootstrap starts each agent with {@code --hostname} set to its node's name.
 */
public final class AgentDrainer {

    /** How long to wait, how often to look, and the longest grace period a task gets before it is killed. */
    public record Timing(Duration timeout, Duration poll, Duration gracePeriod) {
        public static final Timing DEFAULT = new Timing(Duration.ofMinutes(5), Duration.ofSeconds(2),
                Duration.ofSeconds(30));
    }

    private final LeaderOperator leader;
    private final Progress progress;
    private final Timing timing;

    /** @param masters the masters' base URLs ({@code https://10.0.0.11:5050/}), any of which may lead */
    public AgentDrainer(ClusterHttp http, List<String> masters, Progress progress, Timing timing) {
        this.leader = new LeaderOperator(http, masters);
        this.progress = progress;
        this.timing = timing;
    }

    /**
     * Drains the agent registered under one of {@code hostnames} and waits until it is drained. Returns false when no
     * such agent is registered (nothing to drain); throws when it does not drain in time, naming its tasks left.
     *
     * @param markGone whether the master forgets the agent for good once drained (its node is about to be destroyed),
     *                 rather than keeping it deactivated until {@link #undrain}
     */
    public boolean drain(String subject, Set<String> hostnames, boolean markGone) throws IOException {
        Optional<JsonNode> agent = agent(hostnames);
        if (agent.isEmpty()) {
            return false;
        }
        String id = agentId(agent.get());
        if (!drainState(agent.get()).equals("DRAINED")) {
            ObjectNode call = call("DRAIN_AGENT");
            ObjectNode drain = call.putObject("drain_agent");
            drain.putObject("agent_id").put("value", id);
            drain.putObject("max_grace_period").put("nanoseconds", timing.gracePeriod().toNanos());
            drain.put("mark_gone", markGone);
            leader.change(call);
        }
        long deadline = System.nanoTime() + timing.timeout().toNanos();
        List<String> left;
        List<String> shown = List.of();
        while (true) {
            Optional<JsonNode> now = agentById(id);
            left = tasksOn(id);
            if (now.isEmpty() || drainState(now.get()).equals("DRAINED") || left.isEmpty()) {
                progress.finished(subject, "drained", "agent " + id);
                return true;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("agent " + id + " (" + hostname(now.get()) + ") did not drain within "
                        + timing.timeout().toSeconds() + "s; its tasks left: " + String.join(", ", left));
            }
            if (!left.equals(shown)) { // a line when the tasks left change, not at every look
                progress.started(subject, "draining: " + left.size() + " task(s) left (" + String.join(", ", left)
                        + ")");
                shown = left;
            }
            sleep(timing.poll());
        }
    }

    /** Brings back a drained or deactivated agent; false when no agent is registered under {@code hostnames}. */
    public boolean undrain(String subject, Set<String> hostnames) throws IOException {
        Optional<JsonNode> agent = agent(hostnames);
        if (agent.isEmpty()) {
            return false;
        }
        ObjectNode call = call("REACTIVATE_AGENT");
        call.putObject("reactivate_agent").putObject("agent_id").put("value", agentId(agent.get()));
        leader.change(call);
        progress.finished(subject, "reactivated", "agent " + agentId(agent.get()));
        return true;
    }

    /** The agent's drain state: DRAINING, DRAINED, or empty when it is not being drained. */
    public Optional<String> state(Set<String> hostnames) throws IOException {
        return agent(hostnames).map(a -> drainState(a)).filter(s -> !s.isEmpty());
    }

    private Optional<JsonNode> agent(Set<String> hostnames) throws IOException {
        for (JsonNode a : agents()) {
            if (hostnames.contains(hostname(a))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> agentById(String id) throws IOException {
        for (JsonNode a : agents()) {
            if (agentId(a).equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private JsonNode agents() throws IOException {
        return leader.read(call("GET_AGENTS")).path("get_agents").path("agents");
    }

    /** The ids of the tasks on the agent that are not over yet. */
    private List<String> tasksOn(String agentId) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode t : leader.read(call("GET_TASKS")).path("get_tasks").path("tasks")) {
            if (t.path("agent_id").path("value").asText().equals(agentId) && !terminal(t.path("state").asText())) {
                out.add(t.path("task_id").path("value").asText());
            }
        }
        return out;
    }

    private static boolean terminal(String state) {
        return Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_LOST", "TASK_ERROR", "TASK_DROPPED",
                "TASK_GONE", "TASK_GONE_BY_OPERATOR").contains(state);
    }

    private static String agentId(JsonNode agent) {
        return agent.path("agent_info").path("id").path("value").asText();
    }

    private static String hostname(JsonNode agent) {
        return agent.path("agent_info").path("hostname").asText();
    }

    private static String drainState(JsonNode agent) {
        return agent.path("drain_info").path("state").asText("");
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while draining", e);
        }
    }
}
