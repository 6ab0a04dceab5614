package io.plumbery.runtime.cli;

import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.http.Cors;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.http.FlagFile;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterServer;
import io.plumbery.runtime.registry.RegistryConfig;
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

/** {@code cluster-runtime master --ip ... --port 5050 --zk zk://.../mesos --quorum 2 --work_dir ...}. */
@Command(name = "master", mixinStandardHelpOptions = true,
        description = "Run a Mesos-compatible master. Every flag can also come from MESOS_<FLAG> in the environment.")
public final class MasterCommand implements Callable<Integer> {
    @Option(names = "--ip", defaultValue = "${env:MESOS_IP:-127.0.0.1}", description = "Address to bind and advertise (default ${DEFAULT-VALUE})")
    String ip;

    @Option(names = "--hostname", defaultValue = "${env:MESOS_HOSTNAME}", description = "Hostname to advertise (default: the ip)")
    String hostname;

    @Option(names = "--port", defaultValue = "${env:MESOS_PORT:-5050}", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--zk", defaultValue = "${env:MESOS_ZK}", description = "zk://host:2181[,host:2181...]/mesos; without it this master leads alone")
    String zk;

    @Option(names = "--quorum", defaultValue = "${env:MESOS_QUORUM:-1}", description = "Size of the master quorum (informational)")
    int quorum;

    @Option(names = "--work_dir", defaultValue = "${env:MESOS_WORK_DIR:-/var/lib/mesos/master}", description = "Work directory")
    Path workDir;

    @Option(names = "--zk_session_timeout", defaultValue = "${env:MESOS_ZK_SESSION_TIMEOUT:-4}", description = "ZooKeeper session timeout, seconds")
    long zkSessionSeconds;

    @Option(names = "--offer_timeout", defaultValue = "${env:MESOS_OFFER_TIMEOUT:-60}", description = "Rescind offers after this many seconds")
    long offerTimeoutSeconds;

    @Option(names = "--allocation_interval", defaultValue = "${env:MESOS_ALLOCATION_INTERVAL:-1000}", description = "Allocation interval, milliseconds")
    long allocationMillis;

    @Option(names = "--agent_removal_timeout", defaultValue = "${env:MESOS_AGENT_REMOVAL_TIMEOUT:-75}", description = "Seconds of agent silence before its tasks are lost/unreachable")
    long agentRemovalSeconds;

    @Option(names = "--agent_reregister_timeout", defaultValue = "${env:MESOS_AGENT_REREGISTER_TIMEOUT:-600}",
            description = "Seconds that agents recovered from the registry have to re-register with a new leader before"
                    + " they are marked unreachable (default ${DEFAULT-VALUE}, Mesos's 10mins)")
    long agentReregisterSeconds;

    @Option(names = "--registry_max_agent_age", defaultValue = "${env:MESOS_REGISTRY_MAX_AGENT_AGE:-1209600}",
            description = "Seconds that the registry remembers unreachable and gone agents (default ${DEFAULT-VALUE}, 2 weeks)")
    long registryMaxAgentAgeSeconds;

    @Option(names = "--registry_max_agent_count", defaultValue = "${env:MESOS_REGISTRY_MAX_AGENT_COUNT:-102400}",
            description = "How many unreachable and gone agents the registry remembers, each (default ${DEFAULT-VALUE})")
    int registryMaxAgentCount;

    @Option(names = "--cors_origins", defaultValue = "${env:MESOS_CORS_ORIGINS}",
            description = "Origins allowed to call this master from a browser (http://host:port,..., or * for any; default: none)")
    String corsOrigins;

    @Option(names = "--credentials", defaultValue = "${env:MESOS_CREDENTIALS}",
            description = "Credentials file (path or file://): JSON {\"credentials\":[{\"principal\":...,\"secret\":...}]}"
                    + " or one 'principal secret' a line")
    String credentials;

    @Mixin
    HttpAuthenticationFlags http;

    @Option(names = "--acls", defaultValue = "${env:MESOS_ACLS}",
            description = "What each principal may do, as Mesos's local authorizer reads it: the ACLs JSON itself, or a"
                    + " file holding it (file:///path or /path); without it every authenticated principal may do all"
                    + " that its realm covers")
    String acls;

    @Option(names = "--authenticate_http_frameworks", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:MESOS_AUTHENTICATE_HTTP_FRAMEWORKS:-false}",
            description = "Ask frameworks for credentials on the scheduler API; their principal must be FrameworkInfo's")
    boolean authenticateFrameworks;

    @Option(names = "--authenticate_agents", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:MESOS_AUTHENTICATE_AGENTS:-false}",
            description = "Ask agents for credentials (their --credential) when they register, heartbeat and report")
    boolean authenticateAgents;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MasterConfig config = new MasterConfig(ip, hostname == null ? ip : hostname, port, zk, quorum, workDir,
                Duration.ofSeconds(zkSessionSeconds), Duration.ofSeconds(offerTimeoutSeconds),
                Duration.ofMillis(allocationMillis), Duration.ofSeconds(15), Duration.ofSeconds(agentRemovalSeconds),
                new RegistryConfig(Duration.ofSeconds(agentReregisterSeconds),
                        Duration.ofSeconds(registryMaxAgentAgeSeconds), registryMaxAgentCount));
        MasterAuth auth;
        try {
            Path file = FlagFile.of(credentials);
            auth = new MasterAuth(file == null ? null : Credentials.read(file), http.readonly,
                    http.readwrite, authenticateFrameworks, authenticateAgents, Authorizer.fromFlag(acls));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (!auth.acls().ignoredKeys().isEmpty()) {
            System.err.println("--acls: not checked by this master: " + String.join(", ", auth.acls().ignoredKeys()));
        }
        MasterServer master = new MasterServer(config, Cors.origins(corsOrigins), auth);
        master.start();
        System.out.println("Master " + master.info().id() + " listening on " + ip + ":" + master.port());
        return Services.runUntilShutdown(master::close);
    }
}
