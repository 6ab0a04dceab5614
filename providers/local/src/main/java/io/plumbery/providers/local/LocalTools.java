package io.plumbery.providers.local;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.HostTools;
import io.plumbery.providers.host.PackageProxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the host must have for local nodes: root, the tools below and apt-cacher-ng (the nodes' package proxy);
 * missing tools are installed with apt.
 */
final class LocalTools {

    /** Command to Debian package. */
    static final Map<String, String> REQUIRED = tools();

    private LocalTools() {
    }

    private static Map<String, String> tools() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("systemd-nspawn", "systemd-container");
        tools.put("debootstrap", "debootstrap");
        tools.put("nft", "nftables");
        tools.put("ip", "iproute2");
        tools.put("unshare", "util-linux");
        tools.put("setsid", "util-linux");
        tools.put("setpriv", "util-linux");
        tools.put("chroot", "coreutils");
        tools.put("ssh-keygen", "openssh-client");
        return Map.copyOf(tools);
    }

    /** Those of the tools above and of the package proxy's that this host lacks. */
    static List<String> missingPackages() {
        Map<String, String> all = new LinkedHashMap<>(REQUIRED);
        all.putAll(PackageProxy.TOOLS);
        return HostTools.missingPackages(all);
    }

    /** Fails with the exact remedy unless the host can run local nodes; installs what is missing when it can. */
    static void ensure(boolean install, Consumer<String> progress) throws ProviderException {
        String why = HostTools.whyNotLinuxRoot("local", "systemd-nspawn, bridges, nftables",
                "it creates bridges, nftables rules and systemd-nspawn containers");
        if (why != null) {
            throw new ProviderException(why);
        }
        HostTools.ensureInstalled("local", REQUIRED, install, progress);
        PackageProxy.ensureInstalled("local", install, progress);
    }
}
