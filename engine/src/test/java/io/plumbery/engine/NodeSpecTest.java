package io.plumbery.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSpecTest {

    private static Map<String, String> spec(String cpu, String memory, String image, String disks) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("cpu", cpu);
        spec.put("memory", memory);
        spec.put("image", image);
        spec.put("disks", disks);
        return spec;
    }

    @Test
    void reasonsFollowThePlansOrderOfFieldsWhateverTheOrderOfTheRecordedSpec() {
        Map<String, String> wanted = spec("3", "4 GB", "Debian 12", "none");
        Map<String, String> recordedBackwards = new LinkedHashMap<>();
        recordedBackwards.put("disks", "none");
        recordedBackwards.put("image", "debian");
        recordedBackwards.put("memory", "4 GB");
        recordedBackwards.put("cpu", "2");
        List<String> expected = List.of("cpu 2 -> 3", "image debian -> Debian 12");
        assertEquals(expected, NodeSpec.differences(recordedBackwards, wanted));
        assertEquals(expected, NodeSpec.differences(Map.copyOf(recordedBackwards), wanted), "as read from the state");
    }

    @Test
    void aSpecTheStateDoesNotHoldIsNoDifference() {
        assertEquals(List.of(), NodeSpec.differences(Map.of(), spec("3", "4 GB", "Debian 12", "none")));
        assertEquals(List.of("memory 2 GB -> 4 GB"),
                NodeSpec.differences(Map.of("memory", "2 GB"), spec("3", "4 GB", "Debian 12", "none")));
    }
}
