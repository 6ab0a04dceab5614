package io.plumbery.runtime.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who to be toward each registry, from a Docker client config file as Mesos's agent reads it ({@code --docker_config}):
 * {@code {"auths":{"host:port":{"auth":"base64(user:password)"}}}} (also {@code username}/{@code password}). Keys may
 * be bare {@code host:port} or URLs ({@code https://host:port/v1/}).
 */
public final class RegistryCredentials {
    private static final RegistryCredentials NONE = new RegistryCredentials(Map.of());
    private final Map<String, Login> byRegistry;

    /** A user and password toward one registry. */
    public record Login(String user, String password) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    private RegistryCredentials(Map<String, Login> byRegistry) {
        this.byRegistry = byRegistry;
    }

    public static RegistryCredentials none() {
        return NONE;
    }

    public static RegistryCredentials of(String registry, Login login) {
        return new RegistryCredentials(Map.of(registry, login));
    }

    public static RegistryCredentials read(Path dockerConfig) throws IOException {
        JsonNode auths = ImageManifest.JSON.readTree(Files.readAllBytes(dockerConfig)).path("auths");
        Map<String, Login> out = new HashMap<>();
        auths.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            Login login = null;
            if (v.hasNonNull("auth")) {
                String decoded = new String(Base64.getDecoder().decode(v.get("auth").asText()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    login = new Login(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            } else if (v.hasNonNull("username")) {
                login = new Login(v.get("username").asText(), v.path("password").asText(""));
            }
            if (login != null) {
                out.put(host(e.getKey()), login);
            }
        });
        return new RegistryCredentials(Map.copyOf(out));
    }

    private static String host(String key) {
        String k = key.replaceFirst("^[a-z]+://", "");
        int slash = k.indexOf('/');
        return slash < 0 ? k : k.substring(0, slash);
    }

    public Optional<Login> forRegistry(String registry) {
        return Optional.ofNullable(byRegistry.get(registry));
    }
}
