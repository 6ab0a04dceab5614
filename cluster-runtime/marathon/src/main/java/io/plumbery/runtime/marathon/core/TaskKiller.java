package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.mesos.MesosClient;
import io.plumbery.runtime.marathon.state.MarathonStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills tasks through the master: a task to kill is marked {@code killRequested} (and stored so, so that a new
 * leader does not count it), then KILLed, and KILLed again every 10 s until its end is reported. Core thread only.
 */
final class TaskKiller implements Killer {
    private static final Logger LOG = LoggerFactory.getLogger(TaskKiller.class);
    private static final long KILL_RETRY_MILLIS = 10_000;
    private final SchedulerState state;
    private final MarathonStore store;
    private final MasterCalls master;
    private final Map<String, Long> killsSent = new HashMap<>();

    TaskKiller(SchedulerState state, MarathonStore store, MasterCalls master) {
        this.state = state;
        this.store = store;
        this.master = master;
    }

    @Override
    public void kill(MarathonTask task, String why) {
        MarathonTask t = state.task(task.id());
        if (t == null || t.killRequested()) {
            return;
        }
        LOG.debug("Killing {} ({})", t.id(), why);
        MarathonTask killing = t.killing();
        store.saveTask(killing);
        state.putTask(killing);
        sendKill(t.id(), t.agentId());
    }

    @Override
    public void wipe(MarathonTask task) {
        kill(task, "wipe");
        store.deleteTask(task.id());
        state.removeTask(task.id());
    }

    /** KILLs a task by id, known or not (one Marathon did not launch, one unreachable). */
    void sendKill(String taskId, String agentId) {
        killsSent.put(taskId, System.currentTimeMillis());
        ObjectNode kill = MesosClient.newCall("KILL");
        ObjectNode k = kill.putObject("kill");
        k.putObject("task_id").put("value", taskId);
        if (agentId != null) {
            k.putObject("agent_id").put("value", agentId);
        }
        master.call(kill);
    }

    /** The task's end was reported: no more KILLs for it. */
    void forget(String taskId) {
        killsSent.remove(taskId);
    }

    /** KILLs again the known tasks whose last KILL is older than 10 s. */
    void retryUnanswered(long nowMillis) {
        for (Map.Entry<String, Long> k : new ArrayList<>(killsSent.entrySet())) {
            MarathonTask t = state.task(k.getKey());
            if (t != null && nowMillis - k.getValue() > KILL_RETRY_MILLIS) {
                sendKill(t.id(), t.agentId());
            }
        }
    }
}
