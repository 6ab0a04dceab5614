package io.plumbery.cli;

import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.Provider;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderFactory;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.Providers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code provider: flaky}: the stub cloud, except that the Nth node creation of the JVM fails, once.
 * Used to check that a deploy that breaks half-way leaves a state the next deploy completes.
 */
public final class FlakyProviderFactory implements ProviderFactory {

    static final AtomicInteger CREATES = new AtomicInteger();
    static volatile int failAt = -1;

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public String description() {
        return "the stub cloud with one injected failure (tests only)";
    }

    @Override
    public Provider open(ProviderSettings settings) throws ProviderException {
        Provider stub = Providers.discover().open("stub", settings);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("createNode") && CREATES.incrementAndGet() == failAt) {
                throw new ProviderException("injected failure creating " + ((NodeRequest) args[0]).name());
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
