package io.plumbery.providers.local;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import io.plumbery.providers.host.BaseImage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The keys of {@link ProviderSettings#options()} this provider reads; {@link #unknown} names the others
 * (facilities may carry settings meant for other providers: they are reported, not fatal).
 *
 * @param imageCache  where base images are cached (default {@code $XDG_CACHE_HOME/plumbery/images} or
 *                    {@code ~/.cache/plumbery/images})
 * @param stateDir    where node directories and the plan's records live (default {@code <workDir>/local})
 * @param mirror      Debian mirror for debootstrap (default: the one in the host's apt sources)
 * @param rootfs      {@code auto} (overlay, else copy), {@code overlay} or {@code copy}
 * @param bootTimeout how long createNode/startNode wait for SSH with cloud-init finished
 * @param stopTimeout how long stopNode waits for a clean power-off before killing the node's cgroup
 * @param installTools install missing host tools with apt-get (default true)
 * @param limits      apply cpu/memory as cgroup limits where the host allows it (default true)
 * @param quiet       no progress lines on standard error
 */
record LocalOptions(Path imageCache, Path stateDir, String mirror, String rootfs, Duration bootTimeout,
                    Duration stopTimeout, boolean installTools, boolean limits, boolean quiet) {

    static final Set<String> KEYS = Set.of("imageCache", "stateDir", "mirror", "rootfs", "bootTimeoutSeconds",
            "stopTimeoutSeconds", "installTools", "limits", "quiet",
            "location"); // every facility passes its locationId; there is only one place here

    static LocalOptions from(ProviderSettings settings) throws ProviderException {
        Map<String, String> o = settings.options();
        String rootfs = o.getOrDefault("rootfs", "auto");
        if (!Set.of("auto", "overlay", "copy").contains(rootfs)) {
            throw new ProviderException("option rootfs must be auto, overlay or copy, not '" + rootfs + "'");
        }
        return new LocalOptions(
                o.containsKey("imageCache") ? Path.of(o.get("imageCache")) : BaseImage.defaultCache(),
                o.containsKey("stateDir") ? Path.of(o.get("stateDir")) : settings.workDir().resolve("local"),
                o.getOrDefault("mirror", BaseImage.mirror(Path.of("/etc/apt"))),
                rootfs,
                Duration.ofSeconds(settings.seconds("bootTimeoutSeconds", 300)),
                Duration.ofSeconds(settings.seconds("stopTimeoutSeconds", 20)),
                settings.flag("installTools", true),
                settings.flag("limits", true),
                settings.flag("quiet", false));
    }
}
