package io.plumbery.fittings.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * What a plan may take from outside itself when it loads: the variables of the shell that runs plumbery
 * ({@code {{ environment.NAME }}}) and the tool's version ({@code {{ plumbery.version }}}).
 */
public record LoadContext(Map<String, String> environment, String toolVersion) {

    public LoadContext {
        environment = Map.copyOf(environment);
    }

    /** This process's environment and the version this module was built as. */
    public static LoadContext ofThisProcess() {
        return new LoadContext(System.getenv(), buildVersion());
    }

    /** The project version of this build, written into the module's resources by Maven. */
    public static String buildVersion() {
        try (InputStream in = LoadContext.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
