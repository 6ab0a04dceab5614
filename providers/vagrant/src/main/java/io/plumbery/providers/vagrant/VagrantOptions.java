package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.host.BaseImage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The keys of {@link ProviderSettings#options()} this provider reads; {@link #unknown} names the others.
 *
 * @param imageCache     where the Debian tree ({@link BaseImage}) is cached, imported from there
 *                       (default: the one the local provider uses too, {@code ~/.cache/plumbery/images})
 * @param stateDir       where the plan's Vagrant project lives (default {@code <workDir>/vagrant})
 * @param mirror         Debian mirror, only if the tree has to be built
 * @param bootTimeout    how long createNode/startNode wait for SSH with cloud-init finished
 * @param stopTimeout    how long a stop waits for a clean power-off before Docker kills the node
 * @param vagrantTimeout the longest a vagrant command may run
 * @param quiet          no progress lines on standard error
 */
record VagrantOptions(Path imageCache, Path stateDir, String mirror, Duration bootTimeout, Duration stopTimeout,
                      Duration vagrantTimeout, boolean quiet) {

    static final Set<String> KEYS = Set.of("imageCache", "stateDir", "mirror", "bootTimeoutSeconds",
            "stopTimeoutSeconds", "vagrantTimeoutSeconds", "quiet",
            "location"); // every facility passes its locationId; there is only one place here

    static VagrantOptions from(ProviderSettings settings) throws ProviderException {
        Map<String, String> o = settings.options();
        return new VagrantOptions(
                o.containsKey("imageCache") ? Path.of(o.get("imageCache")) : BaseImage.defaultCache(),
                o.containsKey("stateDir") ? Path.of(o.get("stateDir")) : settings.workDir().resolve("vagrant"),
                o.getOrDefault("mirror", BaseImage.mirror(Path.of("/etc/apt"))),
                Duration.ofSeconds(settings.seconds("bootTimeoutSeconds", 300)),
                Duration.ofSeconds(settings.seconds("stopTimeoutSeconds", 20)),
                Duration.ofSeconds(settings.seconds("vagrantTimeoutSeconds", 600)),
                settings.flag("quiet", false));
    }
}
