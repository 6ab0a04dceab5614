package io.plumbery.runtime.agent;

import java.util.Map;
import java.util.function.Supplier;

/** What the agent reports about itself: its tasks, its metrics and its flags (asked for at each request). */
record AgentInventory(AgentTasks tasks, AgentMetrics metrics, Supplier<Map<String, String>> flags) {
}
