package io.plumbery.providers.jclouds.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a cloud's replay for tests is besides its own way of scripting requests: a {@link ReplayServer}, closed after
 * each test when registered as {@code @RegisterExtension}, and the requests nobody scripted.
 */
public abstract class CloudReplay implements AutoCloseable, AfterEachCallback {

    /** A replay's constructor, which starts a server. */
    @FunctionalInterface
    public interface Starting<R extends CloudReplay> {
        R start() throws IOException;
    }

    protected final ReplayServer server;

    protected CloudReplay(ReplayServer server) {
        this.server = server;
    }

    /** One for a test's own, as {@code @RegisterExtension X replay = CloudReplay.forEachTest(X::new)}. */
    public static <R extends CloudReplay> R forEachTest(Starting<R> starting) {
        try {
            return starting.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> unscripted() {
        return server.unscripted();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.close();
    }
}
