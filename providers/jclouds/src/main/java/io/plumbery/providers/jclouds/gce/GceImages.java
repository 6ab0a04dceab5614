package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.jclouds.cloud.ApplianceTable;

import java.util.List;

/**
 * The plan's {@code appliance} as a public image family: the family's newest image when the node is made (GCE
 * answers a family's URL with it). Whether an image runs cloud-init decides whether it can be a plan's node at all:
 * plumbery gives every node its first boot (host name, login user and key) as cloud-config in the {@code user-data}
 * metadata, and applies the plan's cloud-config later with cloud-init's own modules. Ubuntu's GCE images run
 * cloud-init, whose GCE data source reads {@code user-data}; Debian's GCE images run Google's guest agent only
 * ({@code ssh-keys}, {@code startup-script}), with no cloud-init, so nothing of a cloud-config would apply: they are
 * listed to say so, and refused at plan time.
 */
final class GceImages {

    /**
     * @param cloudInit whether the image runs cloud-init with the {@code user-data} metadata
     */
    record Family(String appliance, String project, String family, boolean cloudInit) {
        String path() {
            return "projects/" + project + "/global/images/family/" + family;
        }
    }

    static final ApplianceTable<Family> TABLE = new ApplianceTable<>(Family::appliance, List.of(
            new Family("Ubuntu 22.04", "ubuntu-os-cloud", "ubuntu-2204-lts", true),
            new Family("Ubuntu 24.04", "ubuntu-os-cloud", "ubuntu-2404-lts-amd64", true),
            new Family("Debian 12", "debian-cloud", "debian-12", false),
            new Family("Debian 11", "debian-cloud", "debian-11", false)));

    /** A node whose plan names no appliance. */
    static final String DEFAULT = "Ubuntu 22.04";

    private GceImages() {
    }

    /** The appliances whose images can take a node. */
    static String usable() {
        return String.join(", ", TABLE.images().stream().filter(Family::cloudInit).map(Family::appliance).toList());
    }
}
