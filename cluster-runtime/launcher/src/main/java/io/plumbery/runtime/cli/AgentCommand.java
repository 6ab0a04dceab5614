package io.plumbery.runtime.cli;

import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.agent.AgentAuth;
import io.plumbery.runtime.agent.AgentConfig;
import io.plumbery.runtime.agent.AgentServer;
import io.plumbery.runtime.agent.TaskUserPolicy;
import io.plumbery.runtime.http.Cors;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.http.FlagFile;
import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.service.Services;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code cluster-runtime agent --master zk://.../mesos --ip ... --port 5051 --resources ... --work_dir ...}. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run an agent with the command executor. Every flag can also come from MESOS_<FLAG> in the environment.")
public final class AgentCommand implements Callable<Integer> {
    @Option(names = "--master", defaultValue = "${env:MESOS_MASTER}", description = "zk://host:2181,.../mesos or host:port")
    String master;

    @Option(names = "--ip", defaultValue = "${env:MESOS_IP:-127.0.0.1}", description = "Address to bind and advertise (default ${DEFAULT-VALUE})")
    String ip;

    @Option(names = "--hostname", defaultValue = "${env:MESOS_HOSTNAME}", description = "Hostname to advertise (default: the ip)")
    String hostname;

    @Option(names = "--port", defaultValue = "${env:MESOS_PORT:-5051}", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--resources", defaultValue = "${env:MESOS_RESOURCES}", description = "e.g. cpus:4;mem:8192;disk:10000;ports:[31000-32000] (default: detected)")
    String resources;

    @Option(names = "--attributes", defaultValue = "${env:MESOS_ATTRIBUTES}", description = "e.g. rack:r1;zone:a")
    String attributes;

    @Option(names = "--work_dir", defaultValue = "${env:MESOS_WORK_DIR:-/var/lib/mesos/agent}", description = "Checkpoints and sandboxes")
    Path workDir;

    @Option(names = "--containerizers", defaultValue = "${env:MESOS_CONTAINERIZERS:-mesos}", split = ",",
            description = "mesos (command tasks), docker (tasks with a DOCKER container; needs a Docker engine); default ${DEFAULT-VALUE}")
    List<String> containerizers;

    @Option(names = "--docker", defaultValue = "${env:MESOS_DOCKER:-docker}", description = "Docker client binary (default ${DEFAULT-VALUE})")
    String docker;

    @Option(names = "--external_log_file", defaultValue = "${env:MESOS_EXTERNAL_LOG_FILE}",
            description = "The file the agent's log goes to, served at /slave/log by /files (default: none)")
    Path externalLogFile;

    @Option(names = "--cors_origins", defaultValue = "${env:MESOS_CORS_ORIGINS}",
            description = "Origins allowed to call this agent from a browser (http://host:port,..., or * for any; default: none)")
    String corsOrigins;

    @Option(names = "--heartbeat_interval", defaultValue = "${env:MESOS_HEARTBEAT_INTERVAL:-5}", description = "Seconds between heartbeats")
    long heartbeatSeconds;

    @Option(names = "--credential", defaultValue = "${env:MESOS_CREDENTIAL}",
            description = "This agent's credential toward the master (path or file://): JSON {\"principal\":...,"
                    + "\"secret\":...} or 'principal secret'")
    String credential;

    @Option(names = "--http_credentials", defaultValue = "${env:MESOS_HTTP_CREDENTIALS}",
            description = "Credentials file of this agent's HTTP API (path or file://), as the master's --credentials")
    String httpCredentials;

    @Option(names = "--acls", defaultValue = "${env:MESOS_ACLS}",
            description = "What each principal may view and access here, as Mesos's agent reads its ACLs (view_frameworks,"
                    + " view_tasks, view_executors, view_containers, view_flags, access_sandboxes, access_mesos_logs,"
                    + " get_endpoints): the JSON itself or a file (file:///path or /path); without it all is authorized")
    String acls;

    @Option(names = "--switch_user", arity = "0..1", fallbackValue = "true", defaultValue = "${env:MESOS_SWITCH_USER:-true}",
            description = "Run each command task as the user its CommandInfo names, else its framework's user (default ${DEFAULT-VALUE}; needs root)")
    boolean switchUser;

    @Option(names = "--allow_root_tasks", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:MESOS_ALLOW_ROOT_TASKS:-true}",
            description = "Let tasks run as root when they ask (default ${DEFAULT-VALUE}); false fails them (not a Mesos flag)")
    boolean allowRootTasks;

    @Mixin
    HttpAuthenticationFlags http;

    @Mixin
    ImageProviderFlags images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (master == null || master.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--master=<master>' (or MESOS_MASTER)");
        }
        Files.createDirectories(workDir);
        Resources res = resources == null ? detect(workDir) : ResourceSpec.parseResources(resources);
        AgentConfig config = new AgentConfig(ip, hostname == null ? ip : hostname, port, master, res,
                ResourceSpec.parseAttributes(attributes), workDir, Duration.ofSeconds(heartbeatSeconds),
                Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(4), null, externalLogFile,
                new TaskUserPolicy(switchUser, allowRootTasks), images.settings(spec, workDir));
        for (String c : containerizers) {
            switch (c.strip()) {
                case "mesos" -> { }
                case "docker" -> config = config.withDocker(docker);
                default -> throw new ParameterException(spec.commandLine(),
                        "Unknown containerizer '" + c + "' in --containerizers (known: mesos, docker)");
            }
        }
        AgentServer agent = new AgentServer(config, Cors.origins(corsOrigins), auth());
        agent.start();
        System.out.println("Agent listening on " + ip + ":" + agent.port() + " with " + res);
        System.out.println(config.docker() == null
                ? "Resource limits (cgroups) are not enforced by this agent; tasks share the host."
                : "Docker containerizer on: Docker tasks get cpu shares and memory limits; command tasks share the host.");
        if (config.images() != null) {
            System.out.println("Image provider on (" + config.images().registry() + "): containers of images get cgroups"
                    + " with cpu shares and memory limits where this agent can make them.");
        }
        return Services.runUntilShutdown(agent::detach);
    }

    private AgentAuth auth() throws IOException {
        try {
            Path credentialFile = FlagFile.of(credential);
            Path httpFile = FlagFile.of(httpCredentials);
            return new AgentAuth(credentialFile == null ? null : Credential.read(credentialFile),
                    httpFile == null ? null : Credentials.read(httpFile), http.readonly, http.readwrite,
                    Authorizer.fromFlag(acls));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** cpus and memory of the host (minus 1 GB for the system), disk of the work_dir volume, default ports. */
    static Resources detect(Path workDir) throws IOException {
        double cpus = Runtime.getRuntime().availableProcessors();
        long memBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        double memMb = Math.max(256, memBytes / (1024.0 * 1024.0) - 1024);
        double diskMb = Math.max(0, Files.getFileStore(workDir).getUsableSpace() / (1024.0 * 1024.0) - 5 * 1024);
        return Resources.of(Map.of("cpus", cpus, "mem", Math.floor(memMb), "disk", Math.floor(diskMb)),
                Map.of("ports", ResourceSpec.parseRanges("[31000-32000]")));
    }
}
