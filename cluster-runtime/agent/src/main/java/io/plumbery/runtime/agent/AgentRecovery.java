package io.plumbery.runtime.agent;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent started on a used work_dir picks up: the tasks of its checkpoints (re-attached to their processes,
 * or reported as ended), the terminal updates not yet acknowledged, and no Docker container that none of them owns.
 * A process is the task's only if it runs under the recorded pid and started in the recorded boot at the recorded
 * time: after a reboot, or once the pid is reused, the task ended.
 */
final class AgentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRecovery.class);
    private final AgentCheckpoint checkpoint;
    private final AgentTasks tasks;
    private final StatusUpdates updates;
    private final DockerCli docker;
    private final Supplier<String> agentId;
    private final String hostname;

    /** {@code docker} is null when the Docker containerizer is off. */
    AgentRecovery(AgentCheckpoint checkpoint, AgentTasks tasks, StatusUpdates updates, DockerCli docker,
                  Supplier<String> agentId, String hostname) {
        this.checkpoint = checkpoint;
        this.tasks = tasks;
        this.updates = updates;
        this.docker = docker;
        this.agentId = agentId;
        this.hostname = hostname;
    }

    void recover() {
        reloadTasks();
        removeOrphanContainers();
    }

    private void reloadTasks() {
        for (AgentCheckpoint.TaskCheckpoint cp : checkpoint.tasks()) {
            tasks.rememberFramework(cp.frameworkId(), cp.frameworkInfo());
            if (cp.latest() != null && cp.latest().state().isTerminal()) {
                LOG.info("Re-sending unacknowledged {} of task {}", cp.latest().state(), cp.task().taskId());
                updates.submit(cp.frameworkId(), cp.latest());
                continue;
            }
            CommandTask task = tasks.add(cp.frameworkId(), cp.frameworkInfo(), cp.task(), Path.of(cp.sandbox()));
            Optional<ProcessHandle> alive = cp.process();
            if (alive.isPresent()) {
                LOG.info("Recovered task {} (pid {})", cp.task().taskId(), cp.pid());
                task.reattach(alive.get(), hostname);
            } else {
                LOG.info("Task {} ended while the agent was down (pid {} {})", cp.task().taskId(), cp.pid(),
                        cp.started() == null ? "with no recorded start" : "not running since " + cp.started());
                task.recoverEnded();
            }
        }
    }

    /**
     * Containers named as ours that no recovered task owns (their task ended while no agent ran, or a client was
     * killed): removed, as Mesos does with --docker_kill_orphans.
     */
    private void removeOrphanContainers() {
        if (docker == null || agentId.get() == null) {
            return;
        }
        Set<String> owned = new HashSet<>();
        tasks.live().forEach(t -> owned.add(DockerContainer.name(agentId.get(), t.sandbox())));
        for (String name : docker.containersNamed(DockerContainer.prefix(agentId.get()))) {
            if (!owned.contains(name)) {
                LOG.info("Removing orphan container {}", name);
                docker.removeForcibly(name);
            }
        }
    }
}
