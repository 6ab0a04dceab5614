package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.jclouds.cloud.ApplianceTable;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jclouds.openstack.nova.v2_0.domain.Image;

/**
 * The plan's appliances as OpenStack images. Every cloud names its images itself, so an appliance is a list of name
 * beginnings that the usual publishers' uploads carry ({@code debian-12-genericcloud-amd64-20261120},
 * {@code Ubuntu 22.04 LTS}), compared without regard to case; of the active images that match, the newest
 * ({@code created}, then the name that sorts last) is taken, so the same image list always gives the same image.
 */
final class OpenStackImages {

    /** One row: the appliance and the image names that mean it. */
    record Names(String appliance, List<String> prefixes) {
        boolean matches(String name) {
            String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
            return prefixes.stream().anyMatch(p -> lower.startsWith(p.toLowerCase(Locale.ROOT)));
        }

        /** {@code debian-12*, Debian 12*} for people. */
        String patterns() {
            return String.join(", ", prefixes.stream().map(p -> p + "*").toList());
        }
    }

    static final String DEFAULT = "Debian 12";

    static final ApplianceTable<Names> TABLE = new ApplianceTable<>(Names::appliance, List.of(
            new Names("Debian 12", List.of("debian-12", "Debian 12")),
            new Names("Debian 11", List.of("debian-11", "Debian 11")),
            new Names("Ubuntu 22.04", List.of("ubuntu-22.04", "Ubuntu 22.04", "ubuntu-jammy")),
            new Names("Ubuntu 24.04", List.of("ubuntu-24.04", "Ubuntu 24.04", "ubuntu-noble"))));

    private OpenStackImages() {
    }

    static Optional<Image> newest(Names names, List<Image> images) {
        return images.stream().filter(i -> i.getStatus() == Image.Status.ACTIVE && names.matches(i.getName()))
                .max(Comparator.comparing((Image i) -> i.getCreated() == null ? new Date(0) : i.getCreated())
                        .thenComparing(Image::getName));
    }

    /** An image named or numbered by {@code os.image}: its id, else its exact name (the newest of that name). */
    static Optional<Image> named(String nameOrId, List<Image> images) {
        return images.stream().filter(i -> nameOrId.equals(i.getId())).findFirst().or(() -> images.stream()
                .filter(i -> nameOrId.equals(i.getName()) && i.getStatus() == Image.Status.ACTIVE)
                .max(Comparator.comparing((Image i) -> i.getCreated() == null ? new Date(0) : i.getCreated())));
    }
}
