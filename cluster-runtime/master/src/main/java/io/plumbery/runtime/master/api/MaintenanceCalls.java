package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Jsonp;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.maintenance.MachineId;
import io.plumbery.runtime.maintenance.Maintenance;
import io.plumbery.runtime.maintenance.Schedule;
import io.plumbery.runtime.master.MaintenanceControl;
import io.plumbery.runtime.master.OperatorRecords;
import io.plumbery.runtime.protocol.Json;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance through the v1 operator API (GET_MAINTENANCE_SCHEDULE, UPDATE_MAINTENANCE_SCHEDULE,
 * GET_MAINTENANCE_STATUS, START_MAINTENANCE, STOP_MAINTENANCE) and Mesos's v0 endpoints
 * {@code /master/maintenance/schedule}, {@code /master/maintenance/status}, {@code /master/machine/down|up}.
 * Refusals are 400 with Mesos's text.
 */
public final class MaintenanceCalls implements OperatorCalls {
    private final MaintenanceControl control;
    private final OperatorRecords records;
    private final LeaderGate gate;

    public MaintenanceCalls(MaintenanceControl control, OperatorRecords records, LeaderGate gate) {
        this.control = control;
        this.records = records;
        this.gate = gate;
    }

    public void register(Router router) {
        router.route(gate.leaderOnly(this::scheduleEndpoint), "/master/maintenance/schedule", "/maintenance/schedule");
        router.route(gate.leaderOnly(ex -> {
            if (Methods.allowed(ex, "GET")) {
                Jsonp.ok(ex, control.status());
            }
        }), "/master/maintenance/status", "/maintenance/status");
        router.route(gate.leaderOnly(ex -> machines(ex, control::down)), "/master/machine/down", "/machine/down");
        router.route(gate.leaderOnly(ex -> machines(ex, control::up)), "/master/machine/up", "/machine/up");
    }

    @Override
    public boolean answer(String type, JsonNode call, Exchange ex) throws Exception {
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "GET_MAINTENANCE_SCHEDULE" -> out.putObject("get_maintenance_schedule").set("schedule", control.schedule());
            case "GET_MAINTENANCE_STATUS" -> out.putObject("get_maintenance_status").set("status", control.status());
            case "UPDATE_MAINTENANCE_SCHEDULE" -> {
                Methods.stored(ex, records, control.updateSchedule(Schedule.of(call.path("update_maintenance_schedule").path("schedule"))));
                return true;
            }
            case "START_MAINTENANCE" -> {
                Methods.stored(ex, records, control.down(machineIds(call.path("start_maintenance").path("machines"))));
                return true;
            }
            case "STOP_MAINTENANCE" -> {
                Methods.stored(ex, records, control.up(machineIds(call.path("stop_maintenance").path("machines"))));
                return true;
            }
            default -> {
                return false;
            }
        }
        ex.json(200, out);
        return true;
    }

    private static List<MachineId> machineIds(JsonNode array) {
        return array.isMissingNode() ? List.of() : Maintenance.machineIds(array);
    }

    private void scheduleEndpoint(Exchange ex) throws Exception {
        if (!Methods.allowed(ex, "GET", "POST")) {
            return;
        }
        if (ex.method().equals("GET")) {
            Jsonp.ok(ex, control.schedule());
            return;
        }
        JsonNode body = Methods.jsonBody(ex);
        if (body != null) {
            Methods.stored(ex, records, control.updateSchedule(Schedule.of(body)));
        }
    }

    private interface MachinesChange {
        Optional<String> apply(List<MachineId> ids);
    }

    private void machines(Exchange ex, MachinesChange change) throws Exception {
        if (!Methods.allowed(ex, "POST")) {
            return;
        }
        JsonNode body = Methods.jsonBody(ex);
        if (body == null) {
            return;
        }
        if (!body.isArray()) {
            ex.text(400, "Expecting a JSON array of machines");
            return;
        }
        Methods.stored(ex, records, change.apply(Maintenance.machineIds(body)));
    }
}
