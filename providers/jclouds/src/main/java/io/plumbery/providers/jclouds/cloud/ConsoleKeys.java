package io.plumbery.providers.jclouds.cloud;

import io.plumbery.node.ssh.ConsoleHostKeys;
import io.plumbery.node.ssh.HostKeyFingerprint;
import io.plumbery.providers.ProviderException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jclouds.util.Predicates2;

/**
 * A new node's SSH host key, read from its console output, where cloud-init prints the keys it made between
 * {@code -----BEGIN SSH HOST KEY KEYS-----} and {@code -----END SSH HOST KEY KEYS-----}: the key the node's
 * {@code SshEndpoint} carries, so that the plan's known_hosts pins it before the first connection. The console shows
 * them some time after boot: it is read again, at growing intervals, for at most {@code timeout}. When no key shows
 * in that time the node's key is trusted on first contact, which is said here and again, with its fingerprint, when
 * the node is first reached.
 */
public final class ConsoleKeys {

    /** Reads a node's console output as text (null or empty while there is none yet). */
    @FunctionalInterface
    public interface Console {
        String read() throws ProviderException;
    }

    /** The attribute of a node's record that says where its host key came from. */
    public static final String ATTRIBUTE = "hostKey";

    private final String provider;
    private final String setting;
    private final Duration timeout;
    private final Consumer<String> progress;

    /**
     * @param setting the facility's setting that bounds the wait ({@code aws.console-timeout}), named when no key
     *                showed
     */
    public ConsoleKeys(String provider, String setting, Duration timeout, Consumer<String> progress) {
        this.provider = provider;
        this.setting = setting;
        this.timeout = timeout;
        this.progress = progress;
    }

    /**
     * The strongest host key the console shows (ed25519, then ECDSA, then RSA), waiting for it within the timeout;
     * empty when none showed. What was found, or that nothing was, goes into {@code attributes}.
     */
    public Optional<String> await(String node, Console console, Map<String, String> attributes) {
        AtomicReference<String> key = new AtomicReference<>();
        AtomicReference<String> failure = new AtomicReference<>();
        long millis = timeout.toMillis();
        long period = Math.max(10, Math.min(5_000, millis / 10));
        Predicates2.retry((String ignored) -> {
            try {
                String text = console.read();
                ConsoleHostKeys.preferred(text == null ? "" : text).ifPresent(key::set);
                return key.get() != null;
            } catch (ProviderException e) {
                failure.set(e.getMessage());
                return false;
            }
        }, millis, period, 3 * period, TimeUnit.MILLISECONDS).apply(node);
        if (key.get() != null) {
            attributes.put(ATTRIBUTE, HostKeyFingerprint.of(key.get()) + ", from the console output");
            return Optional.of(key.get());
        }
        String why = "its console showed no SSH host key within " + timeout.toSeconds() + " s (" + setting + ")"
                + (failure.get() == null ? "" : "; last read: " + failure.get());
        attributes.put(ATTRIBUTE, "none from the console output: trusted on first contact");
        progress.accept(provider + ": node " + node + ": " + why + "; its key will be trusted on first contact and "
                + "its fingerprint printed then");
        return Optional.empty();
    }
}
