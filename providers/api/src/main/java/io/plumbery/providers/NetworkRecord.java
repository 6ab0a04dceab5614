package io.plumbery.providers;

import java.util.Map;

/**
 * A network as built. {@code id} is the provider's own identifier (null while only intended);
 * {@code attributes} hold what the provider needs later to find or remove it (bridge name, cloud ids).
 */
public record NetworkRecord(String id, String name, String subnet, Map<String, String> attributes) {
    public NetworkRecord {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static NetworkRecord intended(NetworkRequest request) {
        return new NetworkRecord(null, request.name(), request.subnet(), Map.of());
    }
}
