package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.HostTools;

import java.nio.file.Path;

/** What the host must have: root, Vagrant, Docker (an engine that answers), iptables, ip, ssh-keygen, tar. */
final class VagrantTools {

    record Found(Path vagrant, Path docker) {
    }

    private VagrantTools() {
    }

    /** Null when this host can run the provider, else why not and what to do. */
    static String whyNot() {
        String why = HostTools.whyNotLinuxRoot("vagrant", "Docker bridges, iptables",
                "it adds routes and iptables rules for the plan's networks");
        if (why != null) {
            return why;
        }
        if (HostTools.find("vagrant").isEmpty()) {
            return "Vagrant is not installed; install Vagrant: apt-get install --no-install-recommends vagrant";
        }
        if (HostTools.find("docker").isEmpty()) {
            return "Docker is not installed (Vagrant's docker provider needs it); install it: "
                    + "apt-get install --no-install-recommends docker.io";
        }
        for (String[] tool : new String[][] {{"iptables", "iptables"}, {"iptables-restore", "iptables"},
                {"ip", "iproute2"}, {"ssh-keygen", "openssh-client"}, {"tar", "tar"}}) {
            if (HostTools.find(tool[0]).isEmpty()) {
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
        return new Found(HostTools.find("vagrant").orElseThrow(), HostTools.find("docker").orElseThrow());
    }
}
