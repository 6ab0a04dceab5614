package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.images.ImageStore;
import io.plumbery.runtime.images.Registries;
import io.plumbery.runtime.images.RegistryCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;

/**
 * The docker image provider of an agent ({@code --image_providers=docker}): its store, reaching registries over
 * HTTPS that trusts the cluster's CA when the runtime's TLS is on ({@code LIBPROCESS_SSL_CA_FILE}, which signs the
 * registry the masters serve), the JVM's CAs otherwise.
 */
final class ImageProvider {
    private ImageProvider() {
    }

    /** The store, or null when the provider is off. */
    static ImageStore store(ImageSettings settings) {
        if (settings == null) {
            return null;
        }
        Tls tls = Tls.forProcess();
        HttpClient.Builder http = tls.enabled() ? tls.client() : HttpClient.newBuilder();
        try {
            RegistryCredentials logins = settings.dockerConfig() == null ? RegistryCredentials.none()
                    : RegistryCredentials.read(settings.dockerConfig());
            return new ImageStore(settings.storeDir(), Registries.of(settings.registry(), http, logins));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read --docker_config " + settings.dockerConfig(), e);
        }
    }
}
