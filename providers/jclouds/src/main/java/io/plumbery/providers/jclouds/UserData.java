package io.plumbery.providers.jclouds;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import org.jclouds.compute.options.TemplateOptions;

/**
 * Hands cloud-init user-data to a cloud. jclouds has no portable option for it: each cloud's TemplateOptions
 * subclass spells it differently ({@code userData(byte[])} on EC2, Nova, DigitalOcean; {@code customData(String)}
 * on Azure). Clouds without one (GCE reads it from metadata, the stub keeps metadata) get the metadata entry
 * {@code user-data}.
 */
final class UserData {

    static final String METADATA_KEY = "user-data";

    private UserData() {
    }

    /** @return how the user-data was handed over, for the node's attributes */
    static String apply(TemplateOptions options, String userData) {
        if (userData == null || userData.isEmpty()) {
            return "none";
        }
        if (invoke(options, "userData", byte[].class, userData.getBytes(StandardCharsets.UTF_8))) {
            return "template option userData";
        }
        if (invoke(options, "customData", String.class, userData)) {
            return "template option customData";
        }
        options.userMetadata(METADATA_KEY, userData);
        return "userMetadata[" + METADATA_KEY + "]";
    }

    private static boolean invoke(TemplateOptions options, String name, Class<?> type, Object value) {
        try {
            Method method = options.getClass().getMethod(name, type);
            method.invoke(options, value);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot set " + name + " on " + options.getClass().getSimpleName()
                    + ": " + JcloudsErrors.unwrap(e).getMessage(), e);
        }
    }
}
