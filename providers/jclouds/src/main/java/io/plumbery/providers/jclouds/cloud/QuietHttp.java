package io.plumbery.providers.jclouds.cloud;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.jclouds.JcloudsErrors;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.jclouds.Constants;
import org.jclouds.ContextBuilder;

import com.google.inject.Module;

/**
 * How the clouds' own jclouds APIs are opened and closed here: with no retry handler of jclouds' (the {@link Retrier} is the one
 * policy), timeouts on every HTTP call, and no jclouds logging at all, since its wire and header logs would print
 * signatures, session tokens and OAuth bearer tokens at debug level; what goes wrong reaches people through the
 * provider's own messages instead.
 */
public final class QuietHttp {

    private QuietHttp() {
    }

    public static Properties properties(Duration connectTimeout, Duration readTimeout) {
        Properties properties = new Properties();
        properties.setProperty(Constants.PROPERTY_MAX_RETRIES, "0");
        properties.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, String.valueOf(connectTimeout.toMillis()));
        properties.setProperty(Constants.PROPERTY_SO_TIMEOUT, String.valueOf(readTimeout.toMillis()));
        return properties;
    }

    public static List<Module> modules() {
        return List.of(new SilentLogging());
    }

    /**
     * The cloud's own API from a builder set up as above; no call reaches the cloud yet.
     *
     * @param what the API for people, {@code EC2 API}
     */
    public static <A extends Closeable> A build(ContextBuilder builder, Class<A> api, String provider, String what)
            throws ProviderException {
        try {
            return builder.buildApi(api);
        } catch (RuntimeException e) {
            throw new ProviderException(provider + ": cannot open jclouds' " + api.getSimpleName() + ": "
                    + JcloudsErrors.unwrap(e).getMessage(), false, e);
        }
    }

    public static void close(Closeable api, String provider) throws ProviderException {
        try {
            api.close();
        } catch (IOException | RuntimeException e) {
            throw new ProviderException(provider + ": closing: " + e.getMessage(), false, e);
        }
    }
}
