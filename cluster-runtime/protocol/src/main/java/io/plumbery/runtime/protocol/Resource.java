package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** mesos.v1.Resource (the fields we use; reservations pass through). */
public record Resource(String name, Values.Type type, Values.Scalar scalar, Values.Ranges ranges, Values.Set set,
                       String role, AllocationInfo allocationInfo, JsonNode reservations, JsonNode reservation) {

    public record AllocationInfo(String role) {
    }

    public static Resource scalar(String name, double value) {
        return new Resource(name, Values.Type.SCALAR, new Values.Scalar(value), null, null, null, null, null, null);
    }

    public static Resource ranges(String name, List<Values.Range> ranges) {
        return new Resource(name, Values.Type.RANGES, null, new Values.Ranges(ranges), null, null, null, null, null);
    }

    public Resource allocatedTo(String allocationRole) {
        return new Resource(name, type, scalar, ranges, set, role, new AllocationInfo(allocationRole), reservations, reservation);
    }
}
