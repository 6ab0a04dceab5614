package io.plumbery.cli;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest at build time. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Plumbery.class.getPackage().getImplementationVersion();
        return new String[]{"plumbery " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")};
    }
}
