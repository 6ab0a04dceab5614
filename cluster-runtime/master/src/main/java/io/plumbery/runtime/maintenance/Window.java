package io.plumbery.runtime.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** mesos.maintenance.Window: machines and when they will be unavailable. */
public record Window(List<MachineId> machineIds, Unavailability unavailability) {
    public Window {
        machineIds = List.copyOf(machineIds);
    }

    public static Window of(JsonNode node) {
        List<MachineId> ids = new ArrayList<>();
        node.path("machine_ids").forEach(id -> ids.add(MachineId.of(id)));
        return new Window(ids, Unavailability.of(node.path("unavailability")));
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        ArrayNode ids = o.putArray("machine_ids");
        machineIds.forEach(id -> ids.add(id.toJson()));
        o.set("unavailability", unavailability.toJson());
        return o;
    }
}
