package io.plumbery.runtime.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's image store ({@code --docker_store_dir}): blobs kept by digest under {@code blobs/sha256/}, each one
 * verified as it came, so that an image's layers are fetched once per agent whatever the number of its tasks, and
 * under {@code images/REGISTRY/REPOSITORY/REFERENCE} the manifest digest each name had when last pulled. A pull asks
 * the registry for the manifest (tags move) and fetches only the blobs the store lacks, unless a cached image will do.
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

    /**
     * The image, from the registry; or, when {@code cached} (Mesos's {@code Image.cached}: a task that does not force
     * a pull), from the store alone if an earlier pull of the same name left all its blobs here.
     */
    public StoredImage pull(ImageReference image, boolean cached) throws IOException {
        if (cached) {
            Optional<StoredImage> stored = stored(image);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        RegistryClient registry = registries.client(image.registry());
        RegistryClient.Manifest fetched = registry.manifest(image.repository(), image.reference());
        ImageManifest manifest = ImageManifest.parse(fetched.document(), fetched.mediaType());
        Path config = blob(registry, image.repository(), manifest.config().digest());
        List<Path> layers = new ArrayList<>();
        for (ImageManifest.Blob layer : manifest.layers()) {
            layers.add(blob(registry, image.repository(), layer.digest()));
        }
        Path document = blobFile(fetched.digest());
        fetched.digest().copyVerified(new ByteArrayInputStream(fetched.document()), document);
        Path named = named(image);
        Files.createDirectories(named.getParent());
        Path tmp = Files.createTempFile(named.getParent(), named.getFileName().toString(), ".tmp");
        Files.writeString(tmp, fetched.digest().toString());
        Files.move(tmp, named, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new StoredImage(image, fetched.digest(), ImageConfig.parse(Files.readAllBytes(config)), List.copyOf(layers));
    }

    /** What an earlier pull of this name left, if all of it is still here. */
    private Optional<StoredImage> stored(ImageReference image) throws IOException {
        Path named = named(image);
        if (!Files.isRegularFile(named)) {
            return Optional.empty();
        }
        Digest digest = Digest.parse(Files.readString(named).strip());
        Path document = blobFile(digest);
        if (!Files.isRegularFile(document)) {
            return Optional.empty();
        }
        ImageManifest manifest = ImageManifest.parse(Files.readAllBytes(document), MediaTypes.DOCKER_MANIFEST);
        List<Path> layers = new ArrayList<>();
        for (ImageManifest.Blob layer : manifest.layers()) {
            layers.add(blobFile(layer.digest()));
        }
        Path config = blobFile(manifest.config().digest());
        if (!Files.isRegularFile(config) || !layers.stream().allMatch(Files::isRegularFile)) {
            return Optional.empty();
        }
        return Optional.of(new StoredImage(image, digest, ImageConfig.parse(Files.readAllBytes(config)),
                List.copyOf(layers)));
    }

    /** The file naming the manifest digest that this image name had when last pulled. */
    private Path named(ImageReference image) {
        return dir.resolve("images").resolve(image.registry()).resolve(image.repository())
                .resolve(image.reference());
    }

    private Path blobFile(Digest digest) {
        return dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    private Path blob(RegistryClient registry, String repository, Digest digest) throws IOException {
        Path file = blobFile(digest);
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
