package io.plumbery.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void aNameWithAPortNamesItsRegistry() {
        ImageReference r = ImageReference.parse("localhost:5000/hello:1", "registry.mesos:5000");
        assertThat(r).isEqualTo(new ImageReference("localhost:5000", "hello", "1", null));
    }

    @Test
    void aBareNameIsTheDefaultRegistrysLatest() {
        assertThat(ImageReference.parse("team/app", "registry.mesos:5000"))
                .isEqualTo(new ImageReference("registry.mesos:5000", "team/app", "latest", null));
        assertThat(ImageReference.parse("busybox", ImageReference.DOCKER_HUB).repository()).isEqualTo("library/busybox");
    }

    @Test
    void aDigestPinsTheManifest() {
        String digest = "sha256:" + "a".repeat(64);
        ImageReference r = ImageReference.parse("reg.example:443/app@" + digest, "x");
        assertThat(r.reference()).isEqualTo(digest);
        assertThat(r.tag()).isNull();
    }

    @Test
    void invalidNamesAreRefused() {
        assertThatThrownBy(() -> ImageReference.parse("Upper/Case", "x")).hasMessageContaining("Invalid image name");
        assertThatThrownBy(() -> ImageReference.parse("a b", "x")).hasMessageContaining("Invalid image name");
        assertThatThrownBy(() -> ImageReference.parse("reg:5000/app:..", "x")).hasMessageContaining("Invalid image name");
        assertThatThrownBy(() -> ImageReference.parse("reg:5000/../app", "x")).hasMessageContaining("Invalid image name");
        assertThatThrownBy(() -> ImageReference.parse("..:1/app", "x")).hasMessageContaining("Invalid image name");
        assertThatThrownBy(() -> ImageReference.parse("x@sha256:zz", "x")).hasMessageContaining("digest");
    }

    @Test
    void challengesAreRead() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.example/token\",service=\"registry\","
                + "scope=\"repository:a/b:pull\"").orElseThrow();
        assertThat(c.isBearer()).isTrue();
        assertThat(c.parameters()).containsEntry("realm", "https://auth.example/token")
                .containsEntry("scope", "repository:a/b:pull");
        assertThat(AuthChallenge.parse("Basic realm=\"plumbery-registry\"").orElseThrow().isBasic()).isTrue();
    }
}
