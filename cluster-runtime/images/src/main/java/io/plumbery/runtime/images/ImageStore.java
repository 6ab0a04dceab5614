package io.plumbery.runtime.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's image store ({@code --docker_store_dir}): blobs kept by digest under {@code blobs/sha256/}, each one
 * verified as it came, so that an image's layers are fetched once per agent whatever the number of its tasks. A pull
 * asks the registry for the manifest (tags move) and fetches only the blobs the store lacks.
 */
public final class ImageStore {
    private final Path dir;
    private final Registries registries;

    public ImageStore(Path dir, Registries registries) {
        this.dir = dir;
        this.registries = registries;
    }

    /** An image ready to provision: its settings and its layer blobs, lowest first. */
    public record StoredImage(ImageReference reference, Digest manifest, ImageConfig config, List<Path> layers) {
    }

    public ImageReference reference(String name) {
        return ImageReference.parse(name, registries.defaultRegistry());
    }

    public StoredImage pull(ImageReference image) throws IOException {
        RegistryClient registry = registries.client(image.registry());
        RegistryClient.Manifest fetched = registry.manifest(image.repository(), image.reference());
        ImageManifest manifest = ImageManifest.parse(fetched.document(), fetched.mediaType());
        Path config = blob(registry, image.repository(), manifest.config().digest());
        List<Path> layers = new ArrayList<>();
        for (ImageManifest.Blob layer : manifest.layers()) {
            layers.add(blob(registry, image.repository(), layer.digest()));
        }
        return new StoredImage(image, fetched.digest(), ImageConfig.parse(Files.readAllBytes(config)), List.copyOf(layers));
    }

    private Path blob(RegistryClient registry, String repository, Digest digest) throws IOException {
        Path file = dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
        if (!Files.isRegularFile(file)) {
            registry.blob(repository, digest, file);
        }
        return file;
    }

    /** A fresh root filesystem at {@code rootfs} made of the image's layers, as Mesos's copy backend makes it. */
    public void provision(StoredImage image, Path rootfs) throws IOException {
        LayerUnpacker unpacker = LayerUnpacker.forThisProcess();
        Files.createDirectories(rootfs);
        for (Path layer : image.layers()) {
            unpacker.apply(layer, rootfs);
        }
    }
}
