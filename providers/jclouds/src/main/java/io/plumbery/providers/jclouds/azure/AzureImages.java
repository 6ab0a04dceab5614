package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.jclouds.cloud.ApplianceTable;

import java.util.List;

/**
 * The plan's {@code appliance} as a Marketplace image: publisher, offer and SKU, at its {@code latest} version. Every
 * image here runs cloud-init on Azure, which reads the VM's custom data as the node's cloud-config.
 */
final class AzureImages {

    record Image(String appliance, String publisher, String offer, String sku) {
        /** {@code Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest}, as {@code az vm create} writes it. */
        String urn() {
            return publisher + ":" + offer + ":" + sku + ":latest";
        }
    }

    static final ApplianceTable<Image> TABLE = new ApplianceTable<>(Image::appliance, List.of(
            new Image("Debian 12", "Debian", "debian-12", "12-gen2"),
            new Image("Debian 11", "Debian", "debian-11", "11-gen2"),
            new Image("Ubuntu 22.04", "Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2"),
            new Image("Ubuntu 24.04", "Canonical", "ubuntu-24_04-lts", "server")));

    /** A node whose plan names no appliance. */
    static final String DEFAULT = "Ubuntu 22.04";

    private AzureImages() {
    }
}
