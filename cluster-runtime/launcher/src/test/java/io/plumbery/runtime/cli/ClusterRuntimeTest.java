package io.plumbery.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.ClusterRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class ClusterRuntimeTest {

    private static String[] run(String... args) {
        CommandLine cli = ClusterRuntime.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void listsTheServices() {
        String[] r = run("--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("zookeeper", "master", "agent", "marathon", "dns", "chronos");
    }

    @Test
    void masterHelpShowsMesosFlags() {
        String[] r = run("master", "--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("--zk", "--port", "--quorum", "--work_dir", "--hostname", "--ip", "5050",
                "--agent_reregister_timeout", "--registry_max_agent_age", "--registry_max_agent_count");
    }

    @Test
    void agentRequiresMaster() {
        String[] r = run("agent");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--master");
    }

    @Test
    void masterAuthenticationFlagsNeedCredentials() {
        for (String flag : new String[] {"--authenticate_http_readonly", "--authenticate_agents=true"}) {
            String[] r = run("master", flag);
            assertThat(r[0]).as(flag).isEqualTo("2");
            assertThat(r[2]).as(flag).contains("--credentials");
        }
        assertThat(run("master", "--help")[1]).contains("--credentials", "--authenticate_http_readwrite",
                "--authenticate_http_frameworks", "--authenticate_agents");
    }

    @Test
    void agentAndMarathonAuthenticationFlags() {
        assertThat(run("agent", "--help")[1]).contains("--credential", "--http_credentials",
                "--authenticate_http_readonly", "--authenticate_http_readwrite");
        String[] r = run("marathon", "--master", "127.0.0.1:1", "--mesos_authentication");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--mesos_authentication_principal");
        assertThat(run("dns", "--help")[1]).contains("--mesos_credential", "--http_credentials");
    }

    @Test
    void agentImageProviderFlagsAreMesossAndTheirMistakesAreUsageErrors() throws Exception {
        assertThat(run("agent", "--help")[1]).contains("--image_providers", "--docker_registry", "--docker_store_dir",
                "--docker_config", "--isolation");
        String workDir = java.nio.file.Files.createTempDirectory("agent-flags").toString();
        String[] unknown = run("agent", "--master", "127.0.0.1:1", "--work_dir", workDir, "--image_providers=appc");
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[2]).contains("Unknown image provider 'appc'");
        String[] inline = run("agent", "--master", "127.0.0.1:1", "--work_dir", workDir, "--image_providers=docker",
                "--docker_config={\"auths\":{}}");
        assertThat(inline[0]).isEqualTo("2");
        assertThat(inline[2]).contains("--docker_config takes a file");
    }
}
