package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.core.LaunchDelay;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.DockerPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MarathonCommandTest {

    @Test
    void flagsHaveMarathonsNamesAndDefaults() {
        MarathonCommand cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "zk://10.0.0.1:2181,10.0.0.2:2181/mesos",
                "--zk", "zk://10.0.0.1:2181/marathon", "--hostname", "m1");
        assertThat(cmd.framework.httpPort()).isEqualTo(8080);
        assertThat(cmd.framework.httpAddress()).isEqualTo("0.0.0.0");
        assertThat(cmd.frameworkName).isEqualTo("marathon");
        assertThat(cmd.framework.failoverTimeoutSeconds()).isEqualTo(604800.0);
        assertThat(cmd.framework.hostname()).isEqualTo("m1");
    }

    @Test
    void mesosUserIsTheFrameworksUserAndDefaultsToWhoRunsMarathon() {
        MarathonCommand cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "h:5050");
        assertThat(cmd.mesosUser).isEqualTo(System.getProperty("user.name"));
        cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "h:5050", "--mesos_user", "nobody");
        assertThat(cmd.mesosUser).isEqualTo("nobody");
    }

    @Test
    void helpGivesMarathonsDefaultPort() {
        assertThat(new CommandLine(new MarathonCommand()).getUsageMessage()).contains("HTTP port (default 8080)");
    }

    @Test
    void dockerUnsafeOptionsNameWhatAppsMayAskOfTheHosts() {
        MarathonCommand cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "h:5050");
        assertThat(cmd.dockerUnsafeOptions).isEmpty();
        assertThat(DockerPolicy.allowing(cmd.dockerUnsafeOptions)).isEqualTo(DockerPolicy.SAFE);
        cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "h:5050", "--docker_unsafe_options", "privileged,host_volumes");
        assertThat(DockerPolicy.allowing(cmd.dockerUnsafeOptions)).isEqualTo(new DockerPolicy(true, true, false));

        StringWriter err = new StringWriter();
        int code = new CommandLine(new MarathonCommand()).setErr(new PrintWriter(err)).execute("--master", "h:5050",
                "--docker_unsafe_options", "privileged,pid_host");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("pid_host");
    }

    @Test
    void theHttpCallbackSubscriberIsTheOnlyEventSubscriber() {
        MarathonCommand cmd = new MarathonCommand();
        new CommandLine(cmd).parseArgs("--master", "h:5050", "--event_subscriber", "http_callback",
                "--http_endpoints", "http://127.0.0.1:9/a,http://127.0.0.1:9/b");
        assertThat(cmd.eventSubscriber).isEqualTo("http_callback");
        assertThat(cmd.httpEndpoints).containsExactly("http://127.0.0.1:9/a", "http://127.0.0.1:9/b");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new MarathonCommand()).setErr(new PrintWriter(err)).execute("--master", "h:5050",
                "--event_subscriber", "log");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("only http_callback");
    }

    @Test
    void masterIsRequired() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new MarathonCommand()).setErr(new PrintWriter(err)).execute("--http_port", "1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--master");
    }

    @Test
    void launchDelayGrowsByTheFactorUpToTheCap() throws Exception {
        AppDefinition app = AppModelTest.parse("{\"id\":\"a\",\"cmd\":\"x\",\"backoffSeconds\":2,\"backoffFactor\":3,"
                + "\"maxLaunchDelaySeconds\":10}");
        LaunchDelay d = new LaunchDelay();
        assertThat(d.overdue(0)).isTrue();
        d.failed(app, 0);
        assertThat(d.currentSeconds()).isEqualTo(2.0);
        assertThat(d.overdue(1_000)).isFalse();
        assertThat(d.overdue(2_000)).isTrue();
        d.failed(app, 0);
        assertThat(d.currentSeconds()).isEqualTo(6.0);
        d.failed(app, 0);
        assertThat(d.currentSeconds()).isEqualTo(10.0);
        d.reset();
        assertThat(d.overdue(0)).isTrue();
    }
}
