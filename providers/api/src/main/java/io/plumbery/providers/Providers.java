package io.plumbery.providers;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The providers on the class path, by name. */
public final class Providers {

    private final Map<String, ProviderFactory> byName = new TreeMap<>();

    private Providers() {
    }

    public static Providers discover() {
        Providers providers = new Providers();
        for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
            providers.byName.put(factory.name(), factory);
        }
        return providers;
    }

    public Map<String, ProviderFactory> all() {
        return Map.copyOf(byName);
    }

    public Provider open(String name, ProviderSettings settings) throws ProviderException {
        ProviderFactory factory = byName.get(name);
        if (factory == null) {
            throw new ProviderException("unknown provider '" + name + "'; available: " + String.join(", ", byName.keySet()));
        }
        return factory.open(settings);
    }
}
