package io.plumbery.providers.local;

import io.plumbery.providers.host.BaseImage;

import java.nio.file.Path;

/** Builds the base image into the cache given as argument (used by hand to test kill -9 during a build). */
public final class ImageBuildDriver {

    private ImageBuildDriver() {
    }

    public static void main(String[] args) throws Exception {
        long t = System.nanoTime();
        Path image = BaseImage.ensure(Path.of(args[0]), BaseImage.mirror(Path.of("/etc/apt")), System.out::println);
        System.out.printf("ImageBuildDriver: %s ready after %.1f s%n", image, (System.nanoTime() - t) / 1e9);
    }
}
