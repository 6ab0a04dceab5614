package io.plumbery.runtime.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts an image made offline into a registry through its push API: each layer and the config as blobs (skipped when
 * the registry has them already), then the schema 2 manifest under the tag. How the deploy fills the cluster's own
 * registry, and how the tests make their images.
 */
public final class ImagePusher {
    private final RegistryClient registry;

    public ImagePusher(RegistryClient registry) {
        this.registry = registry;
    }

    /** The manifest's digest, by which the image can also be pulled. */
    public Digest push(String repository, String tag, ImageConfig config, List<LayerWriter.Layer> layers,
                       Path workDir) throws IOException {
        List<ImageManifest.Blob> blobs = new ArrayList<>();
        for (LayerWriter.Layer layer : layers) {
            upload(repository, layer.digest(), layer.blob());
            blobs.add(new ImageManifest.Blob(MediaTypes.DOCKER_LAYER, layer.digest(), layer.size()));
        }
        byte[] configBlob = config.toJson(layers.stream().map(LayerWriter.Layer::diffId).toList());
        Path configFile = Files.createTempFile(workDir, "config", ".json");
        try {
            Files.write(configFile, configBlob);
            Digest configDigest = Digest.of(configBlob);
            upload(repository, configDigest, configFile);
            ImageManifest manifest = new ImageManifest(MediaTypes.DOCKER_MANIFEST,
                    new ImageManifest.Blob(MediaTypes.DOCKER_CONFIG, configDigest, configBlob.length), blobs);
            byte[] document = manifest.toJson();
            registry.putManifest(repository, tag, MediaTypes.DOCKER_MANIFEST, document);
            return Digest.of(document);
        } finally {
            Files.deleteIfExists(configFile);
        }
    }

    private void upload(String repository, Digest digest, Path content) throws IOException {
        if (!registry.hasBlob(repository, digest)) {
            registry.pushBlob(repository, digest, content);
        }
    }
}
