package io.plumbery.runtime.images;

import java.util.Locale;

/**
 * A Docker image's name as Docker and Mesos read it: {@code [registry/]repository[:tag][@digest]}. The first component
 * names a registry when it has a dot or a port, or is {@code localhost}; otherwise the image is the default
 * registry's, where a one-component name of Docker Hub is under {@code library/}.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "registry-1.docker.io";

    /** {@code defaultRegistry}: host[:port] of the registry for names that name none. */
    public static ImageReference parse(String name, String defaultRegistry) {
        if (name == null || name.isBlank() || name.strip().contains(" ")) {
            throw new IllegalArgumentException("Invalid image name '" + name + "'");
        }
        String rest = name.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(rest.substring(at + 1)).toString();
            rest = rest.substring(0, at);
        }
        String registry = defaultRegistry;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (!registry.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("Invalid image name '" + name + "'");
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        if (tag != null && !tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new IllegalArgumentException("Invalid image name '" + name + "'");
        }
        if (rest.isEmpty() || !rest.equals(rest.toLowerCase(Locale.ROOT))
                || !rest.matches("[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("Invalid image name '" + name + "'");
        }
        if (DOCKER_HUB.equals(registry) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** What the registry's manifest endpoint takes: the digest when pinned, else the tag. */
    public String reference() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
