package io.plumbery.runtime.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** mesos.maintenance.Schedule: maintenance windows; a machine appears in one window at most. */
public record Schedule(List<Window> windows) {
    public static final Schedule EMPTY = new Schedule(List.of());

    public Schedule {
        windows = List.copyOf(windows);
    }

    public static Schedule of(JsonNode node) {
        List<Window> windows = new ArrayList<>();
        node.path("windows").forEach(w -> windows.add(Window.of(w)));
        return new Schedule(windows);
    }

    /** The schedule without these machines, and without the windows they leave empty. */
    Schedule without(List<MachineId> ids) {
        List<Window> kept = new ArrayList<>();
        for (Window w : windows) {
            List<MachineId> left = new ArrayList<>(w.machineIds());
            left.removeAll(ids);
            if (!left.isEmpty()) {
                kept.add(new Window(left, w.unavailability()));
            }
        }
        return new Schedule(kept);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (!windows.isEmpty()) {
            ArrayNode list = o.putArray("windows");
            windows.forEach(w -> list.add(w.toJson()));
        }
        return o;
    }
}
