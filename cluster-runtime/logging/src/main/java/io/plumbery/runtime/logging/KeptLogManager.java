package io.plumbery.runtime.logging;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, but kept configured while the JVM shuts down: its own shutdown hook resets it (closing
 * and removing every handler) while the services' hooks still log how they stop, which slf4j-simple wrote.
 */
public final class KeptLogManager extends LogManager {

    @Override
    public void reset() {
        if (!shuttingDown()) {
            super.reset();
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
