package io.plumbery.runtime.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the agent lets its files endpoints see, at the virtual paths Mesos attaches: the agent's log at
 * {@code /slave/log} (when it writes one), and each executor's sandbox three times, at its own directory, at its
 * {@code runs/latest} path in the work_dir, and at {@code /frameworks/FID/executors/EID/runs/latest}. Sandboxes of
 * tasks that ended stay attached as long as the agent remembers the tasks.
 */
final class SandboxAttachments implements Supplier<Map<String, Path>> {
    static final String AGENT_LOG = "/slave/log";

    private final AgentTasks tasks;
    private final Path logFile;

    /** {@code logFile}: the agent's log, null when it logs to no file. */
    SandboxAttachments(AgentTasks tasks, Path logFile) {
        this.tasks = tasks;
        this.logFile = logFile;
    }

    @Override
    public Map<String, Path> get() {
        Map<String, Path> attached = new LinkedHashMap<>();
        if (logFile != null) {
            attached.put(AGENT_LOG, logFile);
        }
        sandboxes().forEach((path, task) -> attached.put(path, task.sandbox()));
        return attached;
    }

    /** Each virtual path of a sandbox, with the task whose sandbox it is. */
    Map<String, CommandTask> sandboxes() {
        Map<String, CommandTask> attached = new LinkedHashMap<>();
        List<CommandTask> all = new ArrayList<>(tasks.completed());
        all.addAll(tasks.live()); // a live run of an executor is its latest
        for (CommandTask t : all) {
            Path sandbox = t.sandbox();
            attached.put(sandbox.getParent().resolve(CommandTask.LATEST_RUN).toString(), t);
            attached.put(virtualPath(t.frameworkId(), t.task().taskId().value()), t);
            attached.put(sandbox.toString(), t);
        }
        return attached;
    }

    /** The path Mesos shows a sandbox at without naming the agent's work_dir. */
    static String virtualPath(String frameworkId, String executorId) {
        return "/frameworks/" + frameworkId + "/executors/" + executorId + "/runs/" + CommandTask.LATEST_RUN;
    }
}
