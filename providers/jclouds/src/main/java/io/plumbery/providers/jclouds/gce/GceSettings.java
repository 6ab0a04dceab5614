package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.jclouds.cloud.Backoff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What provider {@code google-compute-engine} is opened with, from the facility's settings and the environment.
 *
 * <p>Keys (the facility's {@code providerSettings}, or its {@code locationId}):
 * <ul>
 *   <li>where: {@code region}, else the facility's {@code locationId}: a region ({@code europe-west1}, whose zone
 *       {@code -b} takes the nodes) or a zone ({@code europe-west1-c}); {@code gce.zone} names the zone</li>
 *   <li>{@code gce.machine-type} wins over the size table; {@code gce.image} (an image or family URL,
 *       {@code projects/P/global/images/family/F}) wins over the appliance table; {@code gce.disk-type} of the
 *       further disks ({@code pd-balanced})</li>
 *   <li>{@code gce.login-user}: the SSH user, when it is not the plan's own</li>
 *   <li>{@code gce.endpoint} (the Compute API's base, {@code https://compute.googleapis.com/compute/v1}) and
 *       {@code gce.oauth-endpoint} (the token endpoint): another service (a test's server)</li>
 *   <li>{@code gce.connect-timeout}, {@code gce.read-timeout} (seconds, per HTTP call), {@code gce.wait-timeout}
 *       (seconds an operation may take), {@code gce.console-timeout} (seconds to wait for a new instance's serial
 *       port output to show its SSH host keys, 180), {@code gce.retries} (attempts on throttling, 6), {@code gce.retry-delay-ms}
 *       (the first wait, 1000; doubled each time up to twenty times that)</li>
 * </ul>
 */
record GceSettings(String region, String zone, Optional<String> machineType, Optional<String> image,
                   String diskType, Optional<String> loginUser, Optional<String> endpoint,
                   Optional<String> oauthEndpoint, Duration connectTimeout, Duration readTimeout, Duration waitTimeout,
                   Duration consoleTimeout, Backoff backoff, GoogleCredentials credentials) {

    static final String REGION = "region";
    static final String LOCATION = "location";
    static final String ZONE = "gce.zone";
    static final String MACHINE_TYPE = "gce.machine-type";
    static final String IMAGE = "gce.image";
    static final String DISK_TYPE = "gce.disk-type";
    static final String LOGIN_USER = "gce.login-user";
    static final String ENDPOINT = "gce.endpoint";
    static final String OAUTH_ENDPOINT = "gce.oauth-endpoint";
    static final String CONNECT_TIMEOUT = "gce.connect-timeout";
    static final String READ_TIMEOUT = "gce.read-timeout";
    static final String WAIT_TIMEOUT = "gce.wait-timeout";
    static final String CONSOLE_TIMEOUT = "gce.console-timeout";
    static final String RETRIES = "gce.retries";
    static final String RETRY_DELAY_MS = "gce.retry-delay-ms";

    static final Set<String> KEYS = Set.of(REGION, LOCATION, ZONE, MACHINE_TYPE, IMAGE, DISK_TYPE, LOGIN_USER,
            ENDPOINT, OAUTH_ENDPOINT, CONNECT_TIMEOUT, READ_TIMEOUT, WAIT_TIMEOUT, CONSOLE_TIMEOUT, RETRIES,
            RETRY_DELAY_MS);

    /** {@code europe-west1}, {@code us-central1}, {@code northamerica-northeast2}; a zone adds {@code -b}. */
    private static final Pattern PLACE = Pattern.compile("([a-z]+-[a-z]+\\d+)(-[a-z])?");
    private static final String DEFAULT_ZONE = "-b";

    static GceSettings resolve(ProviderSettings settings, Function<String, String> env, Path home)
            throws ProviderException {
        String key = settings.option(REGION).isPresent() ? REGION : LOCATION;
        String place = settings.option(REGION).or(() -> settings.option(LOCATION)).map(String::strip).orElse(null);
        if (place == null) {
            throw new ProviderException("google-compute-engine: no region: give the facility a locationId "
                    + "(europe-west1, us-central1-a...)");
        }
        Matcher m = PLACE.matcher(place);
        if (!m.matches()) {
            throw new ProviderException("google-compute-engine: " + (key.equals(REGION) ? "region" : "locationId")
                    + " '" + place + "' is not a GCE region or zone (europe-west1, us-central1-a...)");
        }
        String region = m.group(1);
        String zone = settings.option(ZONE).map(String::strip)
                .orElse(region + (m.group(2) != null ? m.group(2) : DEFAULT_ZONE));
        if (!zone.startsWith(region + "-")) {
            throw new ProviderException("google-compute-engine: gce.zone '" + zone + "' is not a zone of region "
                    + region);
        }
        return new GceSettings(region, zone, settings.option(MACHINE_TYPE), settings.option(IMAGE),
                settings.option(DISK_TYPE).orElse("pd-balanced"), settings.option(LOGIN_USER),
                settings.option(ENDPOINT), settings.option(OAUTH_ENDPOINT),
                Duration.ofSeconds(settings.seconds(CONNECT_TIMEOUT, 10)),
                Duration.ofSeconds(settings.seconds(READ_TIMEOUT, 60)),
                Duration.ofSeconds(settings.seconds(WAIT_TIMEOUT, 600)),
                Duration.ofSeconds(settings.seconds(CONSOLE_TIMEOUT, 180)),
                Backoff.of(settings, GceProvider.NAME, RETRIES, RETRY_DELAY_MS), GoogleCredentials.find(env, home));
    }
}
