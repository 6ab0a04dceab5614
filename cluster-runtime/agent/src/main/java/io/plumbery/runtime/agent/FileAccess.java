package io.plumbery.runtime.agent;

import io.plumbery.runtime.acls.Viewer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Who may read what through the agent's files (Mesos's files process authorizes each attached path): a sandbox by
 * {@code access_sandboxes} on its executor's user, the agent's log by {@code access_mesos_logs}. A path under no
 * attachment is let through, to be answered 404 as before.
 */
final class FileAccess {
    private final SandboxAttachments attachments;
    private final AgentViewers viewers;

    FileAccess(SandboxAttachments attachments, AgentViewers viewers) {
        this.attachments = attachments;
        this.viewers = viewers;
    }

    boolean allows(Viewer viewer, String virtualPath) {
        if (viewer.seesAll() || virtualPath == null) {
            return true;
        }
        Map<String, CommandTask> sandboxes = attachments.sandboxes();
        String path = virtualPath.startsWith("file://") ? virtualPath.substring("file://".length()) : virtualPath;
        List<String> tokens = new ArrayList<>(Arrays.asList(path.replaceAll("/+$", "").split("/", -1)));
        // the longest attached prefix decides, as it is the one the path resolves through
        for (; !tokens.isEmpty(); tokens.remove(tokens.size() - 1)) {
            String prefix = String.join("/", tokens);
            if (prefix.equals(SandboxAttachments.AGENT_LOG)) {
                return viewer.seesLog();
            }
            CommandTask task = sandboxes.get(prefix);
            if (task != null) {
                return viewer.seesSandbox(viewers.executorUser(task));
            }
        }
        return true;
    }
}
