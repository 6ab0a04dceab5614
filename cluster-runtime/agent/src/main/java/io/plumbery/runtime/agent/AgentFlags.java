package io.plumbery.runtime.agent;

import io.plumbery.runtime.election.ZkUrl;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The flags the agent runs with, under Mesos's flag names and in its text forms, as {@code /flags} shows them. */
final class AgentFlags {
    private AgentFlags() {
    }

    static Map<String, String> of(AgentConfig c, int port) {
        Map<String, String> f = new TreeMap<>();
        f.put("master", ZkUrl.mask(c.master()));
        f.put("ip", c.ip());
        f.put("hostname", c.hostname());
        f.put("port", String.valueOf(port));
        f.put("resources", c.resources().toString());
        f.put("attributes", c.attributes().stream().map(a -> a.name() + ":" + a.plainValue())
                .collect(Collectors.joining(";")));
        f.put("work_dir", c.workDir().toString());
        f.put("containerizers", c.docker() == null ? "mesos" : "mesos,docker");
        if (c.docker() != null) {
            f.put("docker", c.docker());
        }
        if (c.images() != null) {
            f.put("image_providers", "docker");
            f.put("docker_registry", c.images().registry());
            f.put("docker_store_dir", c.images().storeDir().toString());
            if (c.images().dockerConfig() != null) {
                f.put("docker_config", c.images().dockerConfig().toString());
            }
            f.put("isolation", "filesystem/linux,docker/runtime,namespaces/pid");
        }
        if (c.externalLogFile() != null) {
            f.put("external_log_file", c.externalLogFile().toString());
        }
        f.put("switch_user", String.valueOf(c.taskUsers().switchUser()));
        f.put("allow_root_tasks", String.valueOf(c.taskUsers().allowRootTasks()));
        f.put("zk_session_timeout", c.zkSessionTimeout().toSeconds() + "secs");
        return f;
    }
}
