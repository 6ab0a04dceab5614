package io.plumbery.runtime.marathon;

import io.plumbery.runtime.marathon.model.DockerPolicy;
import io.plumbery.runtime.marathon.model.RolePolicy;
import java.time.Duration;
import java.util.List;

/**
 * Marathon's flags as a value. {@code master} is {@code zk://.../mesos} or {@code host:port}; {@code zk}
 * ({@code zk://.../marathon}) holds state and the leader latch, and may be null for a lone in-memory Marathon;
 * {@code docker} is what apps' containers may ask of the hosts ({@code --docker_unsafe_options}); {@code mesosUser} the
 * FrameworkInfo's user, whom agents run the tasks of apps that name none as ({@code --mesos_user});
 * {@code httpEndpoints}, when not null, turns the {@code http_callback} event subscriber on
 * ({@code --event_subscriber http_callback}, {@code --http_endpoints}); {@code roles} the Mesos roles of apps
 * ({@code --mesos_role}, {@code --default_accepted_resource_roles}).
 */
public record MarathonConfig(String hostname, String httpAddress, int httpPort, String master, String zk,
                             String frameworkName, double failoverTimeoutSeconds, double declineOfferSeconds,
                             Duration zkSessionTimeout, Duration tick, Duration reconciliationInterval,
                             DockerPolicy docker, String mesosUser, List<String> httpEndpoints, RolePolicy roles) {
    /** Marathon's default {@code --mesos_user}: the user running Marathon. */
    public static final String PROCESS_USER = System.getProperty("user.name", "root");

    /** Apps in role {@code *} only, Marathon's default. */
    public MarathonConfig(String hostname, String httpAddress, int httpPort, String master, String zk,
                          String frameworkName, double failoverTimeoutSeconds, double declineOfferSeconds,
                          Duration zkSessionTimeout, Duration tick, Duration reconciliationInterval,
                          DockerPolicy docker, String mesosUser, List<String> httpEndpoints) {
        this(hostname, httpAddress, httpPort, master, zk, frameworkName, failoverTimeoutSeconds, declineOfferSeconds,
                zkSessionTimeout, tick, reconciliationInterval, docker, mesosUser, httpEndpoints, RolePolicy.DEFAULT);
    }

    public static MarathonConfig of(String hostname, int httpPort, String master, String zk) {
        return new MarathonConfig(hostname, hostname, httpPort, master, zk, "marathon", 604_800, 5,
                Duration.ofSeconds(4), Duration.ofMillis(250), Duration.ofSeconds(30), DockerPolicy.SAFE, PROCESS_USER,
                null);
    }

    public MarathonConfig withDeclineOfferSeconds(double seconds) {
        return new MarathonConfig(hostname, httpAddress, httpPort, master, zk, frameworkName, failoverTimeoutSeconds,
                seconds, zkSessionTimeout, tick, reconciliationInterval, docker, mesosUser, httpEndpoints, roles);
    }

    public MarathonConfig withDocker(DockerPolicy policy) {
        return new MarathonConfig(hostname, httpAddress, httpPort, master, zk, frameworkName, failoverTimeoutSeconds,
                declineOfferSeconds, zkSessionTimeout, tick, reconciliationInterval, policy, mesosUser, httpEndpoints,
                roles);
    }

    public MarathonConfig withHttpCallbacks(List<String> endpoints) {
        return new MarathonConfig(hostname, httpAddress, httpPort, master, zk, frameworkName, failoverTimeoutSeconds,
                declineOfferSeconds, zkSessionTimeout, tick, reconciliationInterval, docker, mesosUser, endpoints, roles);
    }

    public MarathonConfig withRoles(RolePolicy policy) {
        return new MarathonConfig(hostname, httpAddress, httpPort, master, zk, frameworkName, failoverTimeoutSeconds,
                declineOfferSeconds, zkSessionTimeout, tick, reconciliationInterval, docker, mesosUser, httpEndpoints,
                policy);
    }
}
