package io.plumbery.runtime.images;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the agent reaches registries, as Mesos's {@code --docker_registry} says: the default registry (a URL, whose
 * scheme also applies to an image naming that registry), HTTPS for any other registry an image names, the logins of
 * {@code --docker_config}, and one HTTP client (its TLS trust included) for all.
 */
public final class Registries {
    private final URI defaultRegistry;
    private final HttpClient http;
    private final RegistryCredentials credentials;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    public Registries(URI defaultRegistry, HttpClient http, RegistryCredentials credentials) {
        this.defaultRegistry = defaultRegistry;
        this.http = http;
        this.credentials = credentials;
    }

    /** {@code builder}: the client's TLS settings (the cluster's CA); redirects are followed, as blobs may be. */
    public static Registries of(String defaultRegistry, HttpClient.Builder builder, RegistryCredentials credentials) {
        URI uri = URI.create(defaultRegistry.contains("://") ? defaultRegistry : "https://" + defaultRegistry);
        return new Registries(uri, builder.followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build(), credentials);
    }

    /** host[:port] of the default registry, for image names that name none. */
    public String defaultRegistry() {
        return defaultRegistry.getAuthority();
    }

    public RegistryClient client(String registry) {
        return clients.computeIfAbsent(registry, r -> {
            String scheme = r.equals(defaultRegistry.getAuthority()) ? defaultRegistry.getScheme() : "https";
            return new RegistryClient(URI.create(scheme + "://" + r), http, credentials.forRegistry(r));
        });
    }
}
