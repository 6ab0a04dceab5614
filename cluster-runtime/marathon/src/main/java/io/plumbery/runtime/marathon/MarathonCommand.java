package io.plumbery.runtime.marathon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import io.plumbery.runtime.http.Cors;
import io.plumbery.runtime.marathon.model.DockerPolicy;
import io.plumbery.runtime.marathon.model.RolePolicy;
import io.plumbery.runtime.service.FrameworkOptions;
import io.plumbery.runtime.service.Services;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-runtime marathon --master zk://.../mesos --zk zk://.../marathon --http_port 8080}. */
@Command(name = "marathon", mixinStandardHelpOptions = true,
        description = "Run a Marathon-compatible scheduler (a framework of the master; REST API /v2).")
public final class MarathonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FrameworkOptions framework = new FrameworkOptions(8080);

    @Option(names = "--zk", description = "zk://host:2181[,...]/marathon for state and leader election; without it state is in memory")
    String zk;

    @Option(names = "--framework_name", defaultValue = "marathon", description = "Framework name (default ${DEFAULT-VALUE})")
    String frameworkName;

    @Option(names = "--decline_offer_duration", defaultValue = "5000", description = "Refuse declined offers for this many milliseconds (default ${DEFAULT-VALUE})")
    long declineMillis;

    @Option(names = "--mesos_user", description = "The user apps' tasks run as when they name none (FrameworkInfo.user;"
            + " default: the user running Marathon)")
    String mesosUser = MarathonConfig.PROCESS_USER;

    @Option(names = "--mesos_role", defaultValue = RolePolicy.UNRESERVED, description = "The Mesos role of apps that"
            + " name none; an app may also run in the role named as its top-level group (default ${DEFAULT-VALUE})")
    String mesosRole;

    @Option(names = "--default_accepted_resource_roles", split = ",", description = "The reservation roles whose"
            + " resources apps that set no acceptedResourceRoles may use: * (unreserved) and/or --mesos_role"
            + " (default: both, and the app's own role)")
    List<String> defaultAcceptedResourceRoles = List.of();

    @Option(names = "--zk_session_timeout", defaultValue = "4000", description = "ZooKeeper session timeout, milliseconds (default ${DEFAULT-VALUE})")
    long zkSessionMillis;

    @Option(names = "--reconciliation_interval", defaultValue = "30000", description = "Task reconciliation interval, milliseconds (default ${DEFAULT-VALUE})")
    long reconciliationMillis;

    // Marathon's own name for it, and the runtime's common one
    @Option(names = {"--access_control_allow_origin", "--cors_origins"},
            description = "Origins allowed to call this Marathon from a browser (http://host:port,..., or * for any; default: none)")
    String corsOrigins;

    @Option(names = "--docker_unsafe_options", split = ",", description = "What apps' containers may ask of the hosts: "
            + "privileged, host_volumes, parameters (any docker run parameter); default: none of them")
    List<String> dockerUnsafeOptions = List.of();

    @Option(names = "--event_subscriber", description = "http_callback: POST every event to the callback URLs "
            + "(--http_endpoints, /v2/eventSubscriptions); default: none (events on /v2/events only)")
    String eventSubscriber;

    @Option(names = "--http_endpoints", split = ",", description = "Callback URLs of the http_callback subscriber")
    List<String> httpEndpoints = List.of();

    @Option(names = "--http_credentials", defaultValue = "${env:MARATHON_HTTP_CREDENTIALS}",
            description = "user:password asked of every API call but /ping (better from MARATHON_HTTP_CREDENTIALS)")
    String httpCredentials;

    @Option(names = "--http_realm", defaultValue = MarathonAuth.DEFAULT_REALM, description = "Realm of --http_credentials (default ${DEFAULT-VALUE})")
    String httpRealm;

    @Option(names = "--mesos_authentication", description = "Authenticate to the master with the principal and secret below")
    boolean mesosAuthentication;

    @Option(names = "--mesos_authentication_principal", description = "The framework's principal (in its FrameworkInfo)")
    String mesosPrincipal;

    @Option(names = "--mesos_authentication_secret_file", description = "File holding the principal's secret")
    java.nio.file.Path mesosSecretFile;

    private DockerPolicy dockerPolicy() {
        try {
            return DockerPolicy.allowing(dockerUnsafeOptions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private RolePolicy rolePolicy() {
        try {
            return RolePolicy.of(mesosRole, defaultAcceptedResourceRoles);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The callback URLs when the http_callback subscriber is on, else null (Marathon's only subscriber). */
    private List<String> httpCallbacks() {
        if (eventSubscriber == null) {
            return null;
        }
        if (!eventSubscriber.equals("http_callback")) {
            throw new ParameterException(spec.commandLine(), "--event_subscriber: only http_callback is known, not "
                    + eventSubscriber);
        }
        return httpEndpoints;
    }

    @Override
    public Integer call() throws Exception {
        MarathonConfig config = new MarathonConfig(framework.hostname(), framework.httpAddress(), framework.httpPort(),
                framework.master(), zk, frameworkName, framework.failoverTimeoutSeconds(), declineMillis / 1000.0,
                Duration.ofMillis(zkSessionMillis), Duration.ofMillis(250), Duration.ofMillis(reconciliationMillis),
                dockerPolicy(), mesosUser, httpCallbacks(), rolePolicy());
        MarathonAuth auth;
        try {
            auth = MarathonAuth.of(httpCredentials, httpRealm, mesosAuthentication, mesosPrincipal, mesosSecretFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        MarathonServer server = new MarathonServer(config, Cors.origins(corsOrigins), auth);
        server.start();
        spec.commandLine().getOut().println("Marathon listening on " + framework.httpAddress() + ":" + server.port()
                + " (advertised as " + server.endpoint() + ")");
        spec.commandLine().getOut().flush();
        return Services.runUntilShutdown(server::close);
    }
}
