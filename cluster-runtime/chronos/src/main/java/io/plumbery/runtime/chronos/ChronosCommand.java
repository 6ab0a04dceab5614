package io.plumbery.runtime.chronos;

import io.plumbery.runtime.chronos.job.JobDefaults;
import io.plumbery.runtime.service.FrameworkOptions;
import io.plumbery.runtime.service.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-runtime chronos --master zk://.../mesos --zk zk://.../chronos --http_port 4400}. */
@Command(name = "chronos", mixinStandardHelpOptions = true,
        description = "Run a Chronos-compatible scheduler of periodic and dependent jobs (a framework of the master;"
                + " REST API /v1/scheduler).")
public final class ChronosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FrameworkOptions framework = new FrameworkOptions(4400);

    @Option(names = "--zk", description = "zk://host:2181[,...]/chronos for jobs and leader election;"
            + " without it (and without --zk_hosts) jobs are kept in memory")
    String zk;

    @Option(names = "--zk_hosts", description = "Chronos's own form of --zk: host:2181[,...], with --zk_path")
    String zkHosts;

    @Option(names = "--zk_path", defaultValue = "/chronos", description = "ZooKeeper path with --zk_hosts (default ${DEFAULT-VALUE})")
    String zkPath;

    @Option(names = {"--mesos_framework_name", "--framework_name"}, defaultValue = "chronos",
            description = "Framework name (default ${DEFAULT-VALUE})")
    String frameworkName;

    @Option(names = "--user", defaultValue = "root", description = "User jobs run as when they name none (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--http_credentials", defaultValue = "${env:CHRONOS_HTTP_CREDENTIALS}",
            description = "user:password asked of every API call (better from CHRONOS_HTTP_CREDENTIALS)")
    String httpCredentials;

    @Option(names = "--http_realm", defaultValue = ChronosAuth.DEFAULT_REALM,
            description = "Realm of --http_credentials (default ${DEFAULT-VALUE})")
    String httpRealm;

    @Option(names = "--mesos_authentication_principal", description = "The framework's principal (in its FrameworkInfo)")
    String mesosPrincipal;

    @Option(names = "--mesos_authentication_secret_file",
            description = "File holding the principal's secret: Chronos then authenticates to the master")
    Path mesosSecretFile;

    @Option(names = "--failure_retry", defaultValue = "60000", description = "Delay before retrying a failed run, milliseconds (default ${DEFAULT-VALUE})")
    long failureRetryMillis;

    @Option(names = "--mesos_task_cpu", defaultValue = "0.1", description = "CPUs of a job that sets none (default ${DEFAULT-VALUE})")
    double taskCpu;

    @Option(names = "--mesos_task_mem", defaultValue = "128", description = "Memory (MB) of a job that sets none (default ${DEFAULT-VALUE})")
    double taskMem;

    @Option(names = "--mesos_task_disk", defaultValue = "256", description = "Disk (MB) of a job that sets none (default ${DEFAULT-VALUE})")
    double taskDisk;

    @Option(names = "--task_epsilon", defaultValue = "60", description = "Epsilon of a job that sets none, seconds (default ${DEFAULT-VALUE})")
    long taskEpsilon;

    @Option(names = {"--zk_timeout", "--zk_session_timeout"}, defaultValue = "4000",
            description = "ZooKeeper session timeout, milliseconds (default ${DEFAULT-VALUE})")
    long zkSessionMillis;

    private ChronosAuth auth() throws java.io.IOException {
        try {
            return ChronosAuth.of(httpCredentials, httpRealm, mesosPrincipal, mesosSecretFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        String state = zk != null ? zk : zkHosts != null ? "zk://" + zkHosts + zkPath : null;
        ChronosConfig config = new ChronosConfig(framework.hostname(), framework.httpAddress(), framework.httpPort(),
                framework.master(), state, frameworkName, user, framework.failoverTimeoutSeconds(),
                Duration.ofMillis(failureRetryMillis),
                Duration.ofMillis(zkSessionMillis), new JobDefaults(taskCpu, taskMem, taskDisk, user, taskEpsilon));
        ChronosServer server = new ChronosServer(config, auth());
        server.start();
        spec.commandLine().getOut().println("Chronos listening on " + framework.httpAddress() + ":" + server.port()
                + " (advertised as " + server.endpoint() + ")");
        spec.commandLine().getOut().flush();
        return Services.runUntilShutdown(server::close);
    }
}
