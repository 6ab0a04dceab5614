package io.plumbery.cli;

import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.Providers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code provider: watched}: the stub cloud, which can use networks it has, noting the networks it is asked to
 * destroy (the stub's networks are only records: there is nothing else to see).
 */
public final class WatchedProviderFactory implements ProviderFactory {

    static final List<String> DESTROYED_NETWORKS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "watched";
    }

    @Override
    public String description() {
        return "the stub cloud, noting the networks it destroys (tests only)";
    }

    @Override
    public boolean existingNetworks() {
        return true;
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        Provider stub = Providers.discover().open("stub", settings);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("destroyNetwork")) {
                DESTROYED_NETWORKS.add(((NetworkRecord) args[0]).name());
            }
            try {
                return method.invoke(stub, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Provider) Proxy.newProxyInstance(Provider.class.getClassLoader(), new Class<?>[]{Provider.class}, handler);
    }
}
