package io.plumbery.providers.jclouds;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * What a jclouds context is built from, resolved once from the facility's options and the environment.
 *
 * <p>Option keys (the facility's provider settings):
 * <ul>
 *   <li>{@code jclouds.provider}: a jclouds provider or api id ({@code aws-ec2}, {@code google-compute-engine},
 *       {@code azurecompute-arm}, {@code digitalocean2}, {@code openstack-nova}, {@code stub}...)</li>
 *   <li>{@code jclouds.identity}, {@code jclouds.credential} (or {@code jclouds.credential-file}, a path whose
 *       content is the credential, e.g. a PEM key)</li>
 *   <li>{@code jclouds.endpoint}; {@code jclouds.location} (or plumbery's {@code locationId} / {@code regionId})</li>
 *   <li>{@code jclouds.image}: an image id that wins over matching the plan's {@code appliance};
 *       {@code jclouds.hardware}: a hardware id that wins over cpu/memory</li>
 *   <li>{@code jclouds.login-user}: the SSH user, when it is not the plan's own user</li>
 *   <li>{@code jclouds.attach-security-groups}: {@code true} (default; always {@code false} on the stub) puts each
 *       new node into its network's security group through the portable {@code securityGroups} template option;
 *       {@code false} only records the group, for clouds whose template options take something else</li>
 *   <li>any other {@code jclouds.*} key is handed to jclouds as a property (e.g. {@code jclouds.regions})</li>
 * </ul>
 * Credentials missing from the options come from the environment, first match wins:
 * {@code JCLOUDS_<ID>_IDENTITY}/{@code _CREDENTIAL} (id upper-cased, {@code -} as {@code _}), the cloud's own
 * names ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code DIGITALOCEAN_TOKEN}), then
 * {@code JCLOUDS_IDENTITY}/{@code JCLOUDS_CREDENTIAL}.
 */
record JcloudsOptions(String providerId, String identity, String credential, Optional<String> endpoint,
                      Optional<String> location, Optional<String> imageId, Optional<String> hardwareId,
                      Optional<String> loginUser, boolean attachSecurityGroups, Properties overrides) {

    static final String PROVIDER = "jclouds.provider";
    static final String IDENTITY = "jclouds.identity";
    static final String CREDENTIAL = "jclouds.credential";
    static final String CREDENTIAL_FILE = "jclouds.credential-file";
    static final String ENDPOINT = "jclouds.endpoint";
    static final String LOCATION = "jclouds.location";
    static final String IMAGE = "jclouds.image";
    static final String HARDWARE = "jclouds.hardware";
    static final String LOGIN_USER = "jclouds.login-user";
    static final String ATTACH_SECURITY_GROUPS = "jclouds.attach-security-groups";

    /** The stub keeps its nodes per identity, in static maps: one identity, one shared in-memory cloud. */
    static final String STUB_IDENTITY = "plumbery";

    private static final Set<String> OWN_KEYS = Set.of(PROVIDER, IDENTITY, CREDENTIAL, CREDENTIAL_FILE, ENDPOINT,
            LOCATION, IMAGE, HARDWARE, LOGIN_USER, ATTACH_SECURITY_GROUPS);

    private static final Map<String, List<String[]>> CLOUD_ENV = Map.of(
            "aws-ec2", List.<String[]>of(new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}),
            "digitalocean2", List.<String[]>of(new String[] {null, "DIGITALOCEAN_TOKEN"}));

    /**
     * @param fixedProvider the provider id a factory stands for, or null when {@code jclouds.provider} names it
     * @param env           the environment, {@code System::getenv} outside tests
     */
    static JcloudsOptions resolve(String fixedProvider, ProviderSettings settings, Function<String, String> env)
            throws ProviderException {
        Map<String, String> options = settings.options();
        String providerId = fixedProvider != null ? fixedProvider : options.get(PROVIDER);
        if (providerId == null || providerId.isBlank()) {
            throw new ProviderException("the jclouds provider needs option '" + PROVIDER
                    + "' naming a jclouds provider or api (aws-ec2, google-compute-engine, azurecompute-arm, "
                    + "digitalocean2, openstack-nova, stub...)");
        }
        if (fixedProvider != null && options.containsKey(PROVIDER) && !fixedProvider.equals(options.get(PROVIDER))) {
            throw new ProviderException("provider '" + fixedProvider + "' cannot use " + PROVIDER + "="
                    + options.get(PROVIDER) + "; use provider 'jclouds' for that");
        }
        boolean stub = "stub".equals(providerId);
        String identity = first(options.get(IDENTITY), fromEnv(providerId, env, true), stub ? STUB_IDENTITY : null);
        String credential = first(options.get(CREDENTIAL), readCredentialFile(options.get(CREDENTIAL_FILE)),
                fromEnv(providerId, env, false), stub ? "stub" : null);
        if (identity == null && credential != null && CLOUD_ENV.containsKey(providerId)) {
            identity = "plumbery"; // token-only clouds: jclouds wants an identity, the cloud ignores it
        }
        if (identity == null || credential == null) {
            String prefix = envPrefix(providerId);
            throw new ProviderException("no credentials for jclouds provider '" + providerId + "': set options "
                    + IDENTITY + " and " + CREDENTIAL + ", or the environment variables " + prefix + "_IDENTITY and "
                    + prefix + "_CREDENTIAL (or JCLOUDS_IDENTITY and JCLOUDS_CREDENTIAL)");
        }
        Properties overrides = new Properties();
        options.forEach((key, value) -> {
            if (key.startsWith("jclouds.") && !OWN_KEYS.contains(key)) {
                overrides.setProperty(key, value);
            }
        });
        Optional<String> location = Optional.ofNullable(first(options.get(LOCATION), options.get("locationId"),
                options.get("regionId")));
        return new JcloudsOptions(providerId, identity, credential, Optional.ofNullable(options.get(ENDPOINT)),
                location, Optional.ofNullable(options.get(IMAGE)), Optional.ofNullable(options.get(HARDWARE)),
                Optional.ofNullable(options.get(LOGIN_USER)),
                !stub && !"false".equalsIgnoreCase(options.getOrDefault(ATTACH_SECURITY_GROUPS, "true")), overrides);
    }

    boolean isStub() {
        return "stub".equals(providerId);
    }

    static String envPrefix(String providerId) {
        return "JCLOUDS_" + providerId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String fromEnv(String providerId, Function<String, String> env, boolean identity) {
        List<String> names = new ArrayList<>();
        names.add(envPrefix(providerId) + (identity ? "_IDENTITY" : "_CREDENTIAL"));
        for (String[] pair : CLOUD_ENV.getOrDefault(providerId, List.of())) {
            if (pair[identity ? 0 : 1] != null) {
                names.add(pair[identity ? 0 : 1]);
            }
        }
        names.add(identity ? "JCLOUDS_IDENTITY" : "JCLOUDS_CREDENTIAL");
        for (String name : names) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String readCredentialFile(String path) throws ProviderException {
        if (path == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new ProviderException("cannot read " + CREDENTIAL_FILE + " " + path + ": " + e.getMessage(), false, e);
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public String toString() { // never the credential
        return "JcloudsOptions[provider=" + providerId + ", identity=" + identity + ", endpoint=" + endpoint
                + ", location=" + location + "]";
    }
}
