package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.jclouds.cloud.Size;
import io.plumbery.providers.jclouds.cloud.SizeTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan's cpu and memory as a predefined GCE machine type, the smallest of this {@link SizeTable} that fits: E2's
 * shared-core types, then E2 highcpu, standard and highmem up to 32 vCPUs, N2 standard and highmem beyond (E2 stops
 * at 32 vCPUs and 128 GB). Predefined types exist in every region that offers the series; custom machine types are
 * not chosen.
 */
final class MachineTypes {

    static final SizeTable TABLE = new SizeTable(table());

    private MachineTypes() {
    }

    private static List<Size> table() {
        List<Size> sizes = new ArrayList<>(List.of(
                new Size("e2-micro", 2, 1024),
                new Size("e2-small", 2, 2048),
                new Size("e2-medium", 2, 4096)));
        for (int vcpus : new int[] {2, 4, 8, 16, 32}) {
            sizes.add(new Size("e2-highcpu-" + vcpus, vcpus, vcpus * 1024));
            sizes.add(new Size("e2-standard-" + vcpus, vcpus, vcpus * 4 * 1024));
            if (vcpus <= 16) {
                sizes.add(new Size("e2-highmem-" + vcpus, vcpus, vcpus * 8 * 1024));
            }
        }
        for (int vcpus : new int[] {48, 64, 80, 96, 128}) {
            sizes.add(new Size("n2-standard-" + vcpus, vcpus, vcpus * 4 * 1024));
        }
        for (int vcpus : new int[] {32, 48, 64, 80, 96}) {
            sizes.add(new Size("n2-highmem-" + vcpus, vcpus, vcpus * 8 * 1024));
        }
        sizes.add(new Size("n2-highmem-128", 128, 864 * 1024));
        return sizes;
    }
}
