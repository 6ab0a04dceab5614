package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import org.jclouds.openstack.keystone.config.KeystoneProperties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Keystone v3 password login, where OpenStack's own tools look for it, never in the plan: the cloud {@code OS_CLOUD}
 * names in {@code clouds.yaml} ({@code OS_CLIENT_CONFIG_FILE}, else {@code ./clouds.yaml},
 * {@code ~/.config/openstack/clouds.yaml}, {@code /etc/openstack/clouds.yaml}, the first that has it), else the
 * {@code OS_*} variables an openrc file sets. The password signs in and is never printed, logged or stated:
 * {@link #toString()} leaves it out.
 *
 * @param source where it was found, for messages ({@code clouds.yaml ~/.config/openstack/clouds.yaml, cloud 'x'})
 */
record OpenStackCredentials(String authUrl, String username, String password, String userDomain,
                            String projectName, String projectId, String projectDomainName, String projectDomainId,
                            String region, String source) {

    @Override
    public String toString() {
        return "OpenStackCredentials[" + username + "@" + authUrl + " from " + source + "]";
    }

    /** jclouds' Keystone v3 login: identity {@code USER_DOMAIN:user}, the project as its scope. */
    String identity() {
        return userDomain + ":" + username;
    }

    /** Keystone's v3 endpoint: the auth URL, with {@code /v3} added when it names no version. */
    String endpoint() {
        String url = authUrl.replaceAll("/+$", "");
        return url.matches(".*/v3(\\.\\d+)?$") ? url : url + "/v3";
    }

    Properties keystone() {
        Properties properties = new Properties();
        properties.setProperty(KeystoneProperties.KEYSTONE_VERSION, "3");
        properties.setProperty(KeystoneProperties.SCOPE, projectId != null ? "projectId:" + projectId
                : "project:" + projectName);
        if (projectId == null) {
            if (projectDomainId != null) {
                properties.setProperty(KeystoneProperties.PROJECT_DOMAIN_ID, projectDomainId);
            } else {
                properties.setProperty(KeystoneProperties.PROJECT_DOMAIN_NAME, projectDomainName);
            }
        }
        return properties;
    }

    /** From {@code clouds.yaml} when {@code OS_CLOUD} is set, else from {@code OS_*}. */
    static OpenStackCredentials find(Function<String, String> env, Path home, Path workingDir)
            throws ProviderException {
        String cloud = env.apply("OS_CLOUD");
        if (cloud != null && !cloud.isBlank()) {
            return fromCloudsYaml(cloud.strip(), env, home, workingDir);
        }
        if (env.apply("OS_AUTH_URL") != null) {
            return fromEnvironment(env);
        }
        throw new ProviderException("openstack: no credentials: set OS_CLOUD to a cloud of clouds.yaml "
                + "(~/.config/openstack/clouds.yaml...), or source the project's openrc (OS_AUTH_URL, OS_USERNAME, "
                + "OS_PASSWORD, OS_PROJECT_NAME...)");
    }

    static List<Path> searchPath(Function<String, String> env, Path home, Path workingDir) {
        List<Path> paths = new ArrayList<>();
        Optional.ofNullable(env.apply("OS_CLIENT_CONFIG_FILE")).map(Path::of).ifPresent(paths::add);
        paths.add(workingDir.resolve("clouds.yaml"));
        paths.add(home.resolve(".config/openstack/clouds.yaml"));
        paths.add(Path.of("/etc/openstack/clouds.yaml"));
        return paths;
    }

    private static OpenStackCredentials fromEnvironment(Function<String, String> env) throws ProviderException {
        Map<String, String> auth = new java.util.HashMap<>();
        put(auth, "auth_url", env.apply("OS_AUTH_URL"));
        put(auth, "username", env.apply("OS_USERNAME"));
        put(auth, "password", env.apply("OS_PASSWORD"));
        put(auth, "user_domain_name", env.apply("OS_USER_DOMAIN_NAME"));
        put(auth, "user_domain_id", env.apply("OS_USER_DOMAIN_ID"));
        put(auth, "project_name", Optional.ofNullable(env.apply("OS_PROJECT_NAME")).orElse(env.apply("OS_TENANT_NAME")));
        put(auth, "project_id", Optional.ofNullable(env.apply("OS_PROJECT_ID")).orElse(env.apply("OS_TENANT_ID")));
        put(auth, "project_domain_name", env.apply("OS_PROJECT_DOMAIN_NAME"));
        put(auth, "project_domain_id", env.apply("OS_PROJECT_DOMAIN_ID"));
        String type = env.apply("OS_AUTH_TYPE");
        return of(auth, type, env.apply("OS_REGION_NAME"), "the OS_* environment variables");
    }

    @SuppressWarnings("unchecked")
    private static OpenStackCredentials fromCloudsYaml(String cloud, Function<String, String> env, Path home,
                                                       Path workingDir) throws ProviderException {
        List<Path> paths = searchPath(env, home, workingDir);
        for (Path path : paths) {
            if (!Files.isRegularFile(path)) {
                continue;
            }
            Object document;
            try {
                document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(path));
            } catch (IOException | RuntimeException e) {
                // never the file's text: it holds the password
                throw new ProviderException("openstack: cannot read " + path + ": " + e.getClass().getSimpleName());
            }
            Object clouds = document instanceof Map<?, ?> map ? map.get("clouds") : null;
            if (!(clouds instanceof Map<?, ?> all) || !(all.get(cloud) instanceof Map<?, ?> entry)) {
                continue;
            }
            Map<String, Object> found = (Map<String, Object>) entry;
            Map<String, String> auth = new java.util.HashMap<>();
            if (found.get("auth") instanceof Map<?, ?> a) {
                a.forEach((k, v) -> put(auth, String.valueOf(k), v == null ? null : String.valueOf(v)));
            }
            String type = found.get("auth_type") == null ? null : String.valueOf(found.get("auth_type"));
            String region = found.get("region_name") == null ? null : String.valueOf(found.get("region_name"));
            return of(auth, type, region, "clouds.yaml " + path + ", cloud '" + cloud + "'");
        }
        throw new ProviderException("openstack: OS_CLOUD is '" + cloud + "' but no clouds.yaml has it (looked in "
                + String.join(", ", paths.stream().map(Path::toString).toList()) + ")");
    }

    private static OpenStackCredentials of(Map<String, String> auth, String type, String region, String source)
            throws ProviderException {
        if (type != null && !type.isBlank() && !type.equals("password") && !type.equals("v3password")) {
            throw new ProviderException("openstack: " + source + ": auth_type '" + type + "' is not supported: "
                    + "jclouds 2.7.0 signs in to Keystone v3 with a user's password only (no application credentials "
                    + "or tokens)");
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("auth_url", "username", "password")) {
            if (auth.get(key) == null) {
                missing.add(key);
            }
        }
        if (auth.get("project_name") == null && auth.get("project_id") == null) {
            missing.add("project_name or project_id");
        }
        if (!missing.isEmpty()) {
            throw new ProviderException("openstack: " + source + " lacks " + String.join(", ", missing));
        }
        if (auth.get("user_domain_id") != null && auth.get("user_domain_name") == null) {
            throw new ProviderException("openstack: " + source + ": give user_domain_name (OS_USER_DOMAIN_NAME): "
                    + "jclouds 2.7.0 names the user's domain by its name only");
        }
        return new OpenStackCredentials(auth.get("auth_url"), auth.get("username"), auth.get("password"),
                auth.getOrDefault("user_domain_name", "Default"), auth.get("project_name"), auth.get("project_id"),
                auth.getOrDefault("project_domain_name", "Default"), auth.get("project_domain_id"), region, source);
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }
}
