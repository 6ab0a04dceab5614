package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerContainerTest {
    static final Path SANDBOX = Path.of("/var/lib/mesos/slaves/S1/frameworks/F/executors/t1/runs/r-1");

    static TaskInfo task(String container, String command) {
        return Json.read("""
                {"name":"web","task_id":{"value":"t1"},"agent_id":{"value":"S1"},
                 "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}},
                              {"name":"mem","type":"SCALAR","scalar":{"value":64}}],
                 "command":%s, "container":%s}""".formatted(command, container), TaskInfo.class);
    }

    static List<String> argv(TaskInfo task) {
        return new DockerContainer(new DockerCli("docker"), task, DockerContainer.name("S1", SANDBOX), SANDBOX)
                .runArgv(Map.of("PORT0", "31000"));
    }

    @Test
    void bridgedShellCommandOverridesEntrypointAndPublishesMappedPorts() {
        List<String> argv = argv(task("""
                {"type":"DOCKER","docker":{"image":"web:1","network":"BRIDGE",
                  "port_mappings":[{"host_port":31000,"container_port":80,"protocol":"tcp"}],
                  "parameters":[{"key":"pull","value":"never"}]},
                 "volumes":[{"container_path":"/data","host_path":"/srv/data","mode":"RO"}]}""",
                "{\"shell\":true,\"value\":\"httpd -f -p 80\"}"));
        assertThat(argv.subList(0, 5)).containsExactly("docker", "run", "--rm", "--name", "mesos-S1.r-1");
        assertThat(argv).contains("--cpu-shares=512", "--memory=64m", "--env=PORT0=31000",
                "--env=MESOS_SANDBOX=/mnt/mesos/sandbox", "--env=MESOS_CONTAINER_NAME=mesos-S1.r-1",
                "--volume=" + SANDBOX + ":/mnt/mesos/sandbox", "--volume=/srv/data:/data:ro", "--net=bridge",
                "--publish=31000:80/tcp", "--pull=never");
        assertThat(argv.subList(argv.size() - 4, argv.size()))
                .containsExactly("--entrypoint=/bin/sh", "web:1", "-c", "httpd -f -p 80");
    }

    @Test
    void argumentsFollowTheImageEntrypointOnHostNetwork() {
        List<String> argv = argv(task("{\"type\":\"DOCKER\",\"docker\":{\"image\":\"web:1\"}}",
                "{\"shell\":false,\"arguments\":[\"--port\",\"8080\"]}"));
        assertThat(argv).contains("--net=host").doesNotContain("--entrypoint=/bin/sh");
        assertThat(argv.subList(argv.size() - 3, argv.size())).containsExactly("web:1", "--port", "8080");
    }

    @Test
    void imageIsRequired() {
        assertThatThrownBy(() -> argv(task("{\"type\":\"DOCKER\",\"docker\":{}}", "{\"shell\":false}")))
                .hasMessageContaining("no image");
    }

    @Test
    void containerNamesCarryTheAgentSoOrphansCanBeFound() {
        assertThat(DockerContainer.name("S1", SANDBOX)).startsWith(DockerContainer.prefix("S1"));
        assertThat(DockerContainer.prefix("S1")).isEqualTo("mesos-S1.");
    }
}
