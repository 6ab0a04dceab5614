package io.plumbery.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.protocol.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrfSorterTest {
    private final Resources total = ResourceSpec.parseResources("cpus:9;mem:18432");

    @Test
    void ordersByDominantShare() {
        // The classic DRF example: A uses <1 cpu, 4 GB> (dominant: mem 4/18), B <3 cpus, 1 GB> (dominant: cpu 3/9).
        var a = new DrfSorter.Client("A", ResourceSpec.parseResources("cpus:1;mem:4096"), 1, 0);
        var b = new DrfSorter.Client("B", ResourceSpec.parseResources("cpus:3;mem:1024"), 1, 0);
        assertThat(DrfSorter.dominantShare(a.allocated(), total, 1)).isEqualTo(4096.0 / 18432);
        assertThat(DrfSorter.dominantShare(b.allocated(), total, 1)).isEqualTo(3.0 / 9);
        assertThat(DrfSorter.sort(List.of(b, a), total)).containsExactly("A", "B");
    }

    @Test
    void weightsDivideShares() {
        var heavy = new DrfSorter.Client("heavy", ResourceSpec.parseResources("cpus:4"), 4, 0);
        var light = new DrfSorter.Client("light", ResourceSpec.parseResources("cpus:2"), 1, 0);
        assertThat(DrfSorter.sort(List.of(light, heavy), total)).containsExactly("heavy", "light");
    }

    @Test
    void tiesBrokenByAllocationsThenName() {
        var x = new DrfSorter.Client("x", Resources.EMPTY, 1, 3);
        var y = new DrfSorter.Client("y", Resources.EMPTY, 1, 1);
        var z = new DrfSorter.Client("z", Resources.EMPTY, 1, 1);
        assertThat(DrfSorter.sort(List.of(x, z, y), total)).containsExactly("y", "z", "x");
    }
}
