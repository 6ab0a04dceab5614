package io.plumbery.runtime.images;

/** The media types of the Docker Registry API v2 (image manifest v2, schema 2) and of the OCI image spec. */
public final class MediaTypes {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_PLAIN = "application/vnd.oci.image.layer.v1.tar";

    /** The Accept header of a manifest request: every kind this client reads, single-platform first. */
    public static final String MANIFEST_ACCEPT = String.join(", ", DOCKER_MANIFEST, OCI_MANIFEST, DOCKER_MANIFEST_LIST,
            OCI_INDEX);

    private MediaTypes() {
    }

    static boolean isIndex(String mediaType) {
        return DOCKER_MANIFEST_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }
}
