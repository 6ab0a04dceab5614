package io.plumbery.runtime.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tests' images, made here from this host's static busybox, one layer: {@code /bin/busybox}, {@code /bin/sh}
 * linked to it, {@code /www/index.html}, {@code /tmp}; pushed with the project's own pusher.
 */
public final class TestImages {
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    public static final String PAGE = "hello from an image\n";

    private TestImages() {
    }

    public static String unavailable() {
        return Files.isExecutable(BUSYBOX) ? null : BUSYBOX + " is absent (apt-get install busybox-static)";
    }

    public static LayerWriter.Layer busyboxLayer(Path dir) throws Exception {
        try (LayerWriter w = new LayerWriter(dir.resolve("busybox-layer.tar.gz"))) {
            w.directory("bin", 0755).file("bin/busybox", BUSYBOX, 0755).symlink("bin/sh", "busybox")
                    .directory("tmp", 01777).directory("www", 0755)
                    .file("www/index.html", PAGE.getBytes(), 0644)
                    .directory("etc", 0755).directory("mnt", 0755);
            return w.layer();
        }
    }

    /** {@code repository:tag} with this config, pushed to {@code registry}; its manifest's digest. */
    public static Digest push(TestRegistry registry, String repository, String tag, ImageConfig config, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        return new ImagePusher(registry.registries().client(registry.hostPort()))
                .push(repository, tag, config, List.of(busyboxLayer(dir)), dir);
    }

    /**
     * The busybox image with a second layer holding a character device, {@code /data/zero} (1:5, mode 0666), as an
     * image may carry one: a container must not let its task use it.
     */
    public static Digest pushWithDevice(TestRegistry registry, String repository, String tag, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        Path blob = dir.resolve("device-layer.tar.gz");
        try (LayerWriter w = new LayerWriter(blob)) {
            w.directory("data", 0755).device("data/zero", 1, 5, 0666);
            return new ImagePusher(registry.registries().client(registry.hostPort()))
                    .push(repository, tag, echoing(), List.of(busyboxLayer(dir), w.layer()), dir);
        }
    }

    /** Entrypoint {@code /bin/busybox}, Cmd {@code echo hello from the image}, a PATH and a variable. */
    public static ImageConfig echoing() {
        return new ImageConfig(List.of("/bin/busybox"), List.of("echo", "hello", "from", "the", "image"),
                List.of("PATH=/bin", "GREETING=from-image"), "/www", null);
    }
}
