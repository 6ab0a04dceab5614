package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.jclouds.cloud.Backoff;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What provider {@code azure} is opened with, from the facility's settings and the environment.
 *
 * <p>Keys (the facility's {@code providerSettings}, or its {@code locationId}):
 * <ul>
 *   <li>where: {@code region}, else the facility's {@code locationId}: an Azure location ({@code westeurope},
 *       {@code eastus2})</li>
 *   <li>{@code azure.resource-group}: the group that holds everything of the plan ({@code plumbery-PLAN})</li>
 *   <li>{@code azure.vm-size} wins over the size table; {@code azure.image}
 *       ({@code PUBLISHER:OFFER:SKU:VERSION}) over the appliance table; {@code azure.disk-type} of the managed data
 *       disks ({@code StandardSSD_LRS})</li>
 *   <li>{@code azure.login-user}: the SSH user, when it is not the plan's own</li>
 *   <li>{@code azure.endpoint} (Resource Manager, {@code https://management.azure.com}) and
 *       {@code azure.oauth-endpoint} (Microsoft Entra ID, {@code https://login.microsoftonline.com}): another service
 *       (a sovereign cloud, a test's server)</li>
 *   <li>{@code azure.connect-timeout}, {@code azure.read-timeout} (seconds, per HTTP call), {@code azure.wait-timeout}
 *       (seconds a long-running operation may take), {@code azure.retries} (attempts on throttling, 6),
 *       {@code azure.retry-delay-ms} (the first wait, 1000; doubled each time up to twenty times that)</li>
 * </ul>
 */
record AzureSettings(String location, String resourceGroup, Optional<String> vmSize, Optional<String> image,
                     String diskType, Optional<String> loginUser, String endpoint, String oauthEndpoint,
                     Duration connectTimeout, Duration readTimeout, Duration waitTimeout, Backoff backoff,
                     AzureCredentials credentials) {

    static final String REGION = "region";
    static final String LOCATION = "location";
    static final String RESOURCE_GROUP = "azure.resource-group";
    static final String VM_SIZE = "azure.vm-size";
    static final String IMAGE = "azure.image";
    static final String DISK_TYPE = "azure.disk-type";
    static final String LOGIN_USER = "azure.login-user";
    static final String ENDPOINT = "azure.endpoint";
    static final String OAUTH_ENDPOINT = "azure.oauth-endpoint";
    static final String CONNECT_TIMEOUT = "azure.connect-timeout";
    static final String READ_TIMEOUT = "azure.read-timeout";
    static final String WAIT_TIMEOUT = "azure.wait-timeout";
    static final String RETRIES = "azure.retries";
    static final String RETRY_DELAY_MS = "azure.retry-delay-ms";

    static final Set<String> KEYS = Set.of(REGION, LOCATION, RESOURCE_GROUP, VM_SIZE, IMAGE, DISK_TYPE, LOGIN_USER,
            ENDPOINT, OAUTH_ENDPOINT, CONNECT_TIMEOUT, READ_TIMEOUT, WAIT_TIMEOUT, RETRIES, RETRY_DELAY_MS);

    static final String DEFAULT_ENDPOINT = "https://management.azure.com";
    static final String DEFAULT_OAUTH_ENDPOINT = "https://login.microsoftonline.com";
    /** Managed disk types a data disk can be (Ultra disks need zonal VMs, which plumbery does not make). */
    static final Set<String> DISK_TYPES = Set.of("Standard_LRS", "StandardSSD_LRS", "Premium_LRS");

    private static final Pattern PLACE = Pattern.compile("[a-z][a-z0-9]+");
    private static final Pattern IMAGE_URN = Pattern.compile("[^:\\s]+:[^:\\s]+:[^:\\s]+:[^:\\s]+");

    static AzureSettings resolve(ProviderSettings settings, Function<String, String> env) throws ProviderException {
        String place = settings.option(REGION).or(() -> settings.option(LOCATION)).map(String::strip).orElse(null);
        if (place == null) {
            throw new ProviderException("azure: no location: give the facility a locationId (westeurope, eastus2...)");
        }
        if (!PLACE.matcher(place).matches()) {
            throw new ProviderException("azure: location '" + place + "' is not an Azure location name (westeurope, "
                    + "eastus2: lower case, no spaces)");
        }
        Optional<String> image = settings.option(IMAGE).map(String::strip);
        if (image.isPresent() && !IMAGE_URN.matcher(image.get()).matches()) {
            throw new ProviderException("azure: " + IMAGE + " '" + image.get() + "' is not PUBLISHER:OFFER:SKU:VERSION");
        }
        String diskType = settings.option(DISK_TYPE).map(String::strip).orElse("StandardSSD_LRS");
        if (!DISK_TYPES.contains(diskType)) {
            throw new ProviderException("azure: " + DISK_TYPE + " '" + diskType + "' is not one of " + DISK_TYPES);
        }
        return new AzureSettings(place, settings.option(RESOURCE_GROUP).map(String::strip)
                .orElse(AzureNames.of("plumbery-" + settings.plan())), settings.option(VM_SIZE).map(String::strip),
                image, diskType, settings.option(LOGIN_USER),
                settings.option(ENDPOINT).orElse(DEFAULT_ENDPOINT).replaceAll("/+$", ""),
                settings.option(OAUTH_ENDPOINT).orElse(DEFAULT_OAUTH_ENDPOINT).replaceAll("/+$", ""),
                Duration.ofSeconds(settings.seconds(CONNECT_TIMEOUT, 10)),
                Duration.ofSeconds(settings.seconds(READ_TIMEOUT, 60)),
                Duration.ofSeconds(settings.seconds(WAIT_TIMEOUT, 900)),
                Backoff.of(settings, AzureProvider.NAME, RETRIES, RETRY_DELAY_MS), AzureCredentials.find(env));
    }
}
