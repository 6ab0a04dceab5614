package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.jclouds.cloud.Backoff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What provider {@code openstack} is opened with, from the facility's settings and where OpenStack's tools keep
 * credentials ({@link OpenStackCredentials}).
 *
 * <p>Keys (the facility's {@code providerSettings}, or its {@code locationId}):
 * <ul>
 *   <li>the region: {@code region}, else the facility's {@code locationId}, else the cloud's {@code region_name}
 *       ({@code OS_REGION_NAME})</li>
 *   <li>{@code os.flavor} (a flavor's name or id) wins over the smallest flavor that fits; {@code os.image} (an
 *       image's name or id) wins over the appliance table</li>
 *   <li>{@code os.external-network}: the network (name or id) routers and floating IPs take their addresses from;
 *       else the project's only external network (the first by name when it sees several)</li>
 *   <li>{@code os.login-user}: the SSH user, when it is not the plan's own</li>
 *   <li>{@code os.connect-timeout}, {@code os.read-timeout} (seconds, per HTTP call), {@code os.wait-timeout}
 *       (seconds a server may take to become active or go), {@code os.retries} (attempts on throttling, 6),
 *       {@code os.retry-delay-ms} (the first wait, 1000; doubled each time up to twenty times that)</li>
 * </ul>
 */
record OpenStackSettings(String region, Optional<String> flavor, Optional<String> image,
                         Optional<String> externalNetwork, Optional<String> loginUser, Duration connectTimeout,
                         Duration readTimeout, Duration waitTimeout, Backoff backoff, OpenStackCredentials credentials) {

    static final String REGION = "region";
    static final String LOCATION = "location";
    static final String FLAVOR = "os.flavor";
    static final String IMAGE = "os.image";
    static final String EXTERNAL_NETWORK = "os.external-network";
    static final String LOGIN_USER = "os.login-user";
    static final String CONNECT_TIMEOUT = "os.connect-timeout";
    static final String READ_TIMEOUT = "os.read-timeout";
    static final String WAIT_TIMEOUT = "os.wait-timeout";
    static final String RETRIES = "os.retries";
    static final String RETRY_DELAY_MS = "os.retry-delay-ms";

    static final Set<String> KEYS = Set.of(REGION, LOCATION, FLAVOR, IMAGE, EXTERNAL_NETWORK, LOGIN_USER,
            CONNECT_TIMEOUT, READ_TIMEOUT, WAIT_TIMEOUT, RETRIES, RETRY_DELAY_MS);

    static OpenStackSettings resolve(ProviderSettings settings, Function<String, String> env, Path home,
                                     Path workingDir) throws ProviderException {
        OpenStackCredentials credentials = OpenStackCredentials.find(env, home, workingDir);
        String region = settings.option(REGION).or(() -> settings.option(LOCATION))
                .or(() -> Optional.ofNullable(credentials.region())).map(String::strip).orElse(null);
        if (region == null || region.isEmpty()) {
            throw new ProviderException("openstack: no region: give the facility a locationId (RegionOne...) or "
                    + "set region_name in clouds.yaml (OS_REGION_NAME)");
        }
        return new OpenStackSettings(region, settings.option(FLAVOR), settings.option(IMAGE),
                settings.option(EXTERNAL_NETWORK), settings.option(LOGIN_USER),
                Duration.ofSeconds(settings.seconds(CONNECT_TIMEOUT, 10)),
                Duration.ofSeconds(settings.seconds(READ_TIMEOUT, 60)),
                Duration.ofSeconds(settings.seconds(WAIT_TIMEOUT, 600)),
                Backoff.of(settings, OpenStackProvider.NAME, RETRIES, RETRY_DELAY_MS), credentials);
    }
}
