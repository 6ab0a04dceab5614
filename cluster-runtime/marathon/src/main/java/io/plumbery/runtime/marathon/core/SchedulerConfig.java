package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.marathon.model.DockerPolicy;
import io.plumbery.runtime.marathon.model.RolePolicy;
import java.time.Duration;
import java.util.List;

/**
 * What the scheduler needs to know about itself and the master, and what apps may ask of the hosts. {@code principal}
 * goes in its FrameworkInfo (null: none); {@code credential}, when the master authenticates frameworks, goes with each
 * call to the master; {@code httpEndpoints}, when not null, turns Marathon's {@code http_callback} event subscriber on
 * with those URLs subscribed ({@code --http_endpoints}); {@code roles}: the roles apps run in and take resources of.
 */
public record SchedulerConfig(String master, String frameworkName, String hostname, String webuiUrl,
                              double failoverTimeoutSeconds, double declineOfferSeconds, Duration tick,
                              Duration reconciliationInterval, String user, String principal, Credential credential,
                              DockerPolicy docker, List<String> httpEndpoints, RolePolicy roles) {

    public static SchedulerConfig defaults(String master, String hostname, String webuiUrl) {
        return new SchedulerConfig(master, "marathon", hostname, webuiUrl, 604_800, 5, Duration.ofMillis(250),
                Duration.ofSeconds(30), System.getProperty("user.name", "root"), null, null, DockerPolicy.SAFE, null,
                RolePolicy.DEFAULT);
    }

    public SchedulerConfig withFramework(String name, double failoverTimeout, double declineSeconds) {
        return new SchedulerConfig(master, name, hostname, webuiUrl, failoverTimeout, declineSeconds, tick,
                reconciliationInterval, user, principal, credential, docker, httpEndpoints, roles);
    }

    public SchedulerConfig withDocker(DockerPolicy policy) {
        return new SchedulerConfig(master, frameworkName, hostname, webuiUrl, failoverTimeoutSeconds,
                declineOfferSeconds, tick, reconciliationInterval, user, principal, credential, policy, httpEndpoints,
                roles);
    }

    public SchedulerConfig withHttpCallbacks(List<String> endpoints) {
        return new SchedulerConfig(master, frameworkName, hostname, webuiUrl, failoverTimeoutSeconds,
                declineOfferSeconds, tick, reconciliationInterval, user, principal, credential, docker, endpoints, roles);
    }
}
