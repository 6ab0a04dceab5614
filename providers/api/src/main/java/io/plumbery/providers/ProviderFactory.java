package io.plumbery.providers;

/**
 * Found through {@link java.util.ServiceLoader}: a module that ships a provider lists its factory in
 * {@code META-INF/services/io.plumbery.providers.ProviderFactory}.
 */
public interface ProviderFactory {

    /** The name a facility gives in {@code provider:}. */
    String name();

    /** One line for {@code plumbery --help} and error messages. */
    String description();

    Provider open(ProviderSettings settings) throws ProviderException;
}
