package io.plumbery.runtime.chronos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChronosCommandTest {

    @Test
    void flagsHaveChronosNamesAndDefaults() {
        ChronosCommand cmd = new ChronosCommand();
        new CommandLine(cmd).parseArgs("--master", "zk://10.0.0.1:2181/mesos", "--zk", "zk://10.0.0.1:2181/chronos");
        assertThat(cmd.framework.httpPort()).isEqualTo(4400);
        assertThat(cmd.frameworkName).isEqualTo("chronos");
        assertThat(cmd.user).isEqualTo("root");
        assertThat(cmd.failureRetryMillis).isEqualTo(60_000);
        assertThat(cmd.taskCpu).isEqualTo(0.1);
        assertThat(cmd.taskMem).isEqualTo(128);
        assertThat(cmd.taskDisk).isEqualTo(256);
        assertThat(cmd.taskEpsilon).isEqualTo(60);
        assertThat(cmd.zkPath).isEqualTo("/chronos");
        assertThat(cmd.httpRealm).isEqualTo("Mesosphere");
        assertThat(cmd.httpCredentials).isNull();
        assertThat(cmd.mesosPrincipal).isNull();
    }

    @Test
    void helpGivesChronosDefaultPortAndTheSharedFlags() {
        String usage = new CommandLine(new ChronosCommand()).getUsageMessage();
        assertThat(usage).contains("HTTP port (default 4400)", "--hostname", "--http_address", "--failover_timeout");
    }

    @Test
    void masterIsRequired() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ChronosCommand()).setErr(new PrintWriter(err)).execute("--http_port", "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--master");
    }
}
