package io.plumbery.runtime.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's maintenance as Mesos keeps it in its registry: the schedule and each scheduled machine's mode
 * (DRAINING once scheduled, DOWN once the operator brings it down; UP machines are not kept). The checks return
 * Mesos's error texts; the changes assume the check passed. Not thread-safe: used under the master's lock.
 */
public final class Maintenance {

    /** mesos.v1.MachineInfo.Mode. */
    public enum Mode { UP, DRAINING, DOWN }

    /** A scheduled machine: its mode and when it will be unavailable. */
    public record Machine(Mode mode, Unavailability unavailability) {
    }

    private Schedule schedule = Schedule.EMPTY;
    private final Map<MachineId, Machine> machines = new LinkedHashMap<>();

    public Schedule schedule() {
        return schedule;
    }

    public Mode mode(MachineId id) {
        Machine m = machines.get(id);
        return m == null ? Mode.UP : m.mode();
    }

    public Optional<Unavailability> unavailability(MachineId id) {
        return Optional.ofNullable(machines.get(id)).map(Machine::unavailability);
    }

    public Map<MachineId, Machine> machines() {
        return Map.copyOf(machines);
    }

    /** Why this schedule may not replace the current one, or empty. */
    public Optional<String> checkSchedule(Schedule updated) {
        Set<MachineId> seen = new HashSet<>();
        for (Window w : updated.windows()) {
            if (w.machineIds().isEmpty()) {
                return Optional.of("List of machines in the maintenance window is empty");
            }
            if (w.unavailability().invalid() != null) {
                return Optional.of(w.unavailability().invalid());
            }
            for (MachineId id : w.machineIds()) {
                if (id.invalid() != null) {
                    return Optional.of(id.invalid());
                }
                if (!seen.add(id)) {
                    return Optional.of("Machine '" + id + "' appears more than once in the schedule");
                }
            }
        }
        for (Map.Entry<MachineId, Machine> e : machines.entrySet()) {
            if (e.getValue().mode() == Mode.DOWN && !seen.contains(e.getKey())) {
                return Optional.of("Machine '" + e.getKey() + "' is deactivated and cannot be removed from the schedule");
            }
        }
        return Optional.empty();
    }

    /** Replaces the schedule: new machines start DRAINING, kept ones keep their mode, dropped ones are UP again. */
    public void updateSchedule(Schedule updated) {
        Map<MachineId, Unavailability> windows = new LinkedHashMap<>();
        updated.windows().forEach(w -> w.machineIds().forEach(id -> windows.put(id, w.unavailability())));
        machines.keySet().retainAll(windows.keySet());
        windows.forEach((id, u) -> machines.put(id, new Machine(
                machines.containsKey(id) ? machines.get(id).mode() : Mode.DRAINING, u)));
        schedule = updated;
    }

    /** Why these machines may not go down (they must be scheduled and DRAINING), or empty. */
    public Optional<String> checkDown(List<MachineId> ids) {
        return checkTransition(ids, Mode.DRAINING, "is not in DRAINING mode and cannot be brought down");
    }

    /** Why these machines may not come up (they must be DOWN), or empty. */
    public Optional<String> checkUp(List<MachineId> ids) {
        return checkTransition(ids, Mode.DOWN, "is not in DOWN mode and cannot be brought up");
    }

    private Optional<String> checkTransition(List<MachineId> ids, Mode from, String wrongMode) {
        Optional<String> invalid = checkMachines(ids);
        if (invalid.isPresent()) {
            return invalid;
        }
        for (MachineId id : ids) {
            Machine m = machines.get(id);
            if (m == null) {
                return Optional.of("Machine '" + id + "' is not part of a maintenance schedule");
            }
            if (m.mode() != from) {
                return Optional.of("Machine '" + id + "' " + wrongMode);
            }
        }
        return Optional.empty();
    }

    /** Mesos's checks of a list of machines: not empty, each valid, none twice. */
    static Optional<String> checkMachines(List<MachineId> ids) {
        if (ids.isEmpty()) {
            return Optional.of("List of machines is empty");
        }
        Set<MachineId> seen = new HashSet<>();
        for (MachineId id : ids) {
            if (id.invalid() != null) {
                return Optional.of(id.invalid());
            }
            if (!seen.add(id)) {
                return Optional.of("Machine '" + id + "' appears more than once in the schedule");
            }
        }
        return Optional.empty();
    }

    public void down(List<MachineId> ids) {
        ids.forEach(id -> machines.computeIfPresent(id, (k, m) -> new Machine(Mode.DOWN, m.unavailability())));
    }

    /** The machines are UP again and leave the schedule. */
    public void up(List<MachineId> ids) {
        ids.forEach(machines::remove);
        schedule = schedule.without(ids);
    }

    /** The machines of {@code mode}, in schedule order. */
    public List<MachineId> machinesIn(Mode mode) {
        List<MachineId> out = new ArrayList<>();
        machines.forEach((id, m) -> {
            if (m.mode() == mode) {
                out.add(id);
            }
        });
        return out;
    }

    /** For the registry: the schedule and the machines' modes. */
    public JsonNode snapshot() {
        ObjectNode o = Json.object();
        o.set("schedule", schedule.toJson());
        ArrayNode list = o.putArray("machines");
        machines.forEach((id, m) -> {
            ObjectNode info = list.addObject();
            info.set("id", id.toJson());
            info.put("mode", m.mode().name());
            info.set("unavailability", m.unavailability().toJson());
        });
        return o;
    }

    public static Maintenance restore(JsonNode snapshot) {
        Maintenance m = new Maintenance();
        m.schedule = Schedule.of(snapshot.path("schedule"));
        snapshot.path("machines").forEach(info -> m.machines.put(MachineId.of(info.path("id")),
                new Machine(Mode.valueOf(info.path("mode").asText()), Unavailability.of(info.path("unavailability")))));
        return m;
    }

    /** Reads a JSON array of machine ids (the body of machine/down and machine/up). */
    public static List<MachineId> machineIds(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("Expecting a JSON array of machine ids");
        }
        List<MachineId> ids = new ArrayList<>();
        array.forEach(n -> ids.add(MachineId.of(n)));
        return ids;
    }
}
