package io.plumbery.providers.jclouds.cloud;

import org.jclouds.logging.Logger;
import org.jclouds.logging.NullLogger;
import org.jclouds.logging.config.LoggingModule;

/**
 * jclouds with no log at all. jclouds' own {@code NullLoggingModule} still prints errors to stderr, and its retry
 * handlers' errors print the failed call with its arguments: for Azure's token request, the service principal's
 * secret. Here errors are dropped as everything else is; what went wrong reaches people through the providers' own
 * messages.
 */
public final class SilentLogging extends LoggingModule {

    private static final Logger SILENT = new NullLogger() {
        @Override
        public void error(String message, Object... args) {
            // dropped: see the class comment
        }

        @Override
        public void error(Throwable throwable, String message, Object... args) {
            // dropped: see the class comment
        }
    };

    @Override
    public Logger.LoggerFactory createLoggerFactory() {
        return category -> SILENT;
    }
}
