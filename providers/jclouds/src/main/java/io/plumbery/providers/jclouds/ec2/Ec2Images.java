package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.jclouds.cloud.ApplianceTable;

import java.util.List;
import java.util.Optional;

/**
 * The plan's {@code appliance} as an AMI: each name of the table is a publisher's account and a name pattern of its
 * official images for x86_64; of the images that match, the one whose name sorts last is taken (both publishers end
 * their names with the build date, so that is the newest build).
 */
final class Ec2Images {

    /** Debian's cloud team publishes from this account (wiki.debian.org/Cloud/AmazonEC2Image). */
    static final String DEBIAN = "136693071363";
    /** Canonical's account for Ubuntu's official images. */
    static final String CANONICAL = "099720109477";

    record ImageQuery(String appliance, String owner, String namePattern) {
    }

    static final ApplianceTable<ImageQuery> TABLE = new ApplianceTable<>(ImageQuery::appliance, List.of(
            new ImageQuery("Debian 12", DEBIAN, "debian-12-amd64-*"),
            new ImageQuery("Debian 11", DEBIAN, "debian-11-amd64-*"),
            new ImageQuery("Ubuntu 22.04", CANONICAL, "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"),
            new ImageQuery("Ubuntu 24.04", CANONICAL, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*")));

    private Ec2Images() {
    }

    /** Case and spacing do not matter: {@code debian 12}, {@code Debian  12}. */
    static Optional<ImageQuery> lookup(String appliance) {
        return TABLE.lookup(appliance);
    }

    static String names() {
        return TABLE.names();
    }
}
