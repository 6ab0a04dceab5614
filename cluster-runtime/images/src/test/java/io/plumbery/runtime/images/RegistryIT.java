package io.plumbery.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against the real registry (distribution 2.8) with TLS from a test CA and htpasswd logins. */
class RegistryIT {
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static Digest pushed;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.unavailable() == null, TestRegistry.unavailable());
        assumeTrue(TestImages.unavailable() == null, TestImages.unavailable());
        registry = TestRegistry.start(dir.resolve("registry"), true);
        pushed = TestImages.push(registry, "hello", "1", TestImages.echoing(), dir.resolve("build"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void anImagePushedIsPulledByTagWithItsLayersVerifiedAndCached() throws Exception {
        ImageStore store = new ImageStore(dir.resolve("store"), registry.registries());
        ImageStore.StoredImage image = store.pull(store.reference(registry.hostPort() + "/hello:1"), false);

        assertThat(image.manifest()).isEqualTo(pushed);
        assertThat(image.config()).isEqualTo(TestImages.echoing());
        assertThat(image.layers()).hasSize(1);
        assertThat(image.layers().get(0)).startsWith(dir.resolve("store/blobs/sha256"));
        assertThat(Digest.ofFile(image.layers().get(0)).hex()).isEqualTo(image.layers().get(0).getFileName().toString());

        ImageStore.StoredImage byDigest = store.pull(store.reference(registry.hostPort() + "/hello@" + pushed), false);
        assertThat(byDigest.layers()).isEqualTo(image.layers());
    }

    @Test
    void aCachedImageNeedsNoRegistryAndAForcedPullDoes() throws Exception {
        Path storeDir = dir.resolve("store-cached");
        ImageStore first = new ImageStore(storeDir, registry.registries());
        ImageReference hello = first.reference(registry.hostPort() + "/hello:1");
        ImageStore.StoredImage pulled = first.pull(hello, false);

        // the same store, reaching the registry without its CA: every call to it fails
        ImageStore offline = new ImageStore(storeDir, Registries.of(registry.url(), java.net.http.HttpClient.newBuilder(),
                registry.credentials()));
        assertThat(offline.pull(hello, true)).isEqualTo(pulled);
        assertThatThrownBy(() -> offline.pull(hello, false)).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> offline.pull(offline.reference(registry.hostPort() + "/hello:other"), true))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aPulledImageBecomesARootFilesystem() throws Exception {
        ImageStore store = new ImageStore(dir.resolve("store2"), registry.registries());
        Path rootfs = dir.resolve("rootfs");
        store.provision(store.pull(store.reference(registry.hostPort() + "/hello:1"), false), rootfs);

        assertThat(Files.mismatch(rootfs.resolve("bin/busybox"), TestImages.BUSYBOX)).isEqualTo(-1);
        assertThat(Files.readSymbolicLink(rootfs.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(rootfs.resolve("www/index.html")).hasContent(TestImages.PAGE.strip());
        assertThat(Files.getAttribute(rootfs.resolve("tmp"), "unix:mode")).isEqualTo(041777);
    }

    @Test
    void anUnknownImageIsTheRegistrysNotFound() {
        ImageStore store = new ImageStore(dir.resolve("store3"), registry.registries());
        assertThatThrownBy(() -> store.pull(store.reference(registry.hostPort() + "/no-such-image:1"), false))
                .isInstanceOf(RegistryException.class)
                .hasMessage("Unexpected HTTP response '404 Not Found' when trying to get the manifest");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Registries wrong = Registries.of(registry.url(), registry.client(), RegistryCredentials.of(registry.hostPort(),
                new RegistryCredentials.Login(TestRegistry.USER, "wrong")));
        ImageStore store = new ImageStore(dir.resolve("store4"), wrong);
        assertThatThrownBy(() -> store.pull(store.reference(registry.hostPort() + "/hello:1"), false))
                .hasMessage("Unexpected HTTP response '401 Unauthorized' when trying to get the manifest");
    }

    @Test
    void aDockerConfigFileGivesTheLogin() throws Exception {
        RegistryCredentials read = RegistryCredentials.read(registry.dockerConfig(dir.resolve("config.json")));
        assertThat(read.forRegistry(registry.hostPort()))
                .isEqualTo(Optional.of(new RegistryCredentials.Login(TestRegistry.USER, TestRegistry.PASSWORD)));
    }
}
