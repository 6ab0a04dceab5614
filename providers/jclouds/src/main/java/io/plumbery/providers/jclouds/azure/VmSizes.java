package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.jclouds.cloud.Size;
import io.plumbery.providers.jclouds.cloud.SizeTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan's cpu and memory as an Azure VM size, the smallest of this {@link SizeTable} that fits: the burstable
 * B-series up to 16 vCPUs, then general-purpose Dsv5 and memory-optimised Esv5 up to 96 vCPUs. All are offered in
 * nearly every region and take premium managed disks; sizes are a fixed table so that a plan always asks for the same.
 */
final class VmSizes {

    static final SizeTable TABLE = new SizeTable(table());

    private VmSizes() {
    }

    private static List<Size> table() {
        List<Size> sizes = new ArrayList<>(List.of(
                new Size("Standard_B1s", 1, 1024),
                new Size("Standard_B1ms", 1, 2048),
                new Size("Standard_B2s", 2, 4096),
                new Size("Standard_B2ms", 2, 8192),
                new Size("Standard_B4ms", 4, 16384),
                new Size("Standard_B8ms", 8, 32768),
                new Size("Standard_B12ms", 12, 49152),
                new Size("Standard_B16ms", 16, 65536)));
        for (int vcpus : new int[] {2, 4, 8, 16, 32, 48, 64, 96}) {
            sizes.add(new Size("Standard_D" + vcpus + "s_v5", vcpus, vcpus * 4 * 1024));
            sizes.add(new Size("Standard_E" + vcpus + "s_v5", vcpus, vcpus * 8 * 1024));
        }
        return sizes;
    }
}
