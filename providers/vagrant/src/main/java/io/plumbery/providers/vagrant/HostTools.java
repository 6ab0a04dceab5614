package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;

import java.nio.file.Path;
import java.util.Optional;

/** What the host must have: root, Vagrant, Docker (an engine that answers), iptables, ip, ssh-keygen, tar. */
final class HostTools {

    record Found(Path vagrant, Path docker) {
    }

    private HostTools() {
    }

    /** Null when this host can run the provider, else why not and what to do. */
    static String whyNot() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return "provider 'vagrant' needs Linux (Docker bridges, iptables); this is " + System.getProperty("os.name");
        }
        if (!isRoot()) {
            return "provider 'vagrant' needs root: it adds routes and iptables rules for the plan's networks. "
                    + "Run plumbery as root (e.g. 'sudo plumbery ...').";
        }
        if (find("vagrant").isEmpty()) {
            return "Vagrant is not installed; install Vagrant: apt-get install --no-install-recommends vagrant";
        }
        if (find("docker").isEmpty()) {
            return "Docker is not installed (Vagrant's docker provider needs it); install it: "
                    + "apt-get install --no-install-recommends docker.io";
        }
        for (String[] tool : new String[][] {{"iptables", "iptables"}, {"iptables-restore", "iptables"},
                {"ip", "iproute2"}, {"ssh-keygen", "openssh-client"}, {"tar", "tar"}}) {
            if (find(tool[0]).isEmpty()) {
                return tool[0] + " is missing; install it: apt-get install " + tool[1];
            }
        }
        return null;
    }

    /** The tools, once {@link #whyNot()} found nothing missing; fails with the remedy otherwise. */
    static Found require() throws ProviderException {
        String why = whyNot();
        if (why != null) {
            throw new ProviderException(why);
        }
        return new Found(find("vagrant").orElseThrow(), find("docker").orElseThrow());
    }

    static boolean isRoot() {
        return io.plumbery.providers.local.HostTools.isRoot();
    }

    static Optional<Path> find(String command) {
        return io.plumbery.providers.local.HostTools.find(command);
    }
}
