package io.plumbery.runtime.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceTest {
    private static final MachineId A = new MachineId("Host-A", "10.0.0.1");
    private static final MachineId B = new MachineId("host-b", null);
    private static final Unavailability SOON = new Unavailability(1_000_000_000L, 3_600_000_000_000L);

    private static Schedule schedule(MachineId... ids) {
        return new Schedule(List.of(new Window(List.of(ids), SOON)));
    }

    @Test
    void scheduledMachinesDrainThenGoDownThenUpAndLeaveTheSchedule() {
        Maintenance m = new Maintenance();
        assertThat(m.checkSchedule(schedule(A, B))).isEmpty();
        m.updateSchedule(schedule(A, B));
        assertThat(m.mode(new MachineId("host-a", "10.0.0.1"))).isEqualTo(Maintenance.Mode.DRAINING);
        assertThat(m.checkUp(List.of(A))).contains("Machine '{\"hostname\":\"Host-A\",\"ip\":\"10.0.0.1\"}' is not in"
                + " DOWN mode and cannot be brought up");
        assertThat(m.checkDown(List.of(A))).isEmpty();
        m.down(List.of(A));
        assertThat(m.mode(A)).isEqualTo(Maintenance.Mode.DOWN);
        assertThat(m.checkDown(List.of(A))).get().asString().endsWith("is not in DRAINING mode and cannot be brought down");
        assertThat(m.checkSchedule(schedule(B))).contains("Machine '{\"hostname\":\"Host-A\",\"ip\":\"10.0.0.1\"}' is"
                + " deactivated and cannot be removed from the schedule");
        m.up(List.of(A));
        assertThat(m.mode(A)).isEqualTo(Maintenance.Mode.UP);
        assertThat(m.schedule().windows()).singleElement().satisfies(w -> assertThat(w.machineIds()).containsExactly(B));
    }

    @Test
    void refusesWhatMesosRefuses() {
        Maintenance m = new Maintenance();
        assertThat(m.checkDown(List.of(B))).contains("Machine '{\"hostname\":\"host-b\"}' is not part of a maintenance schedule");
        assertThat(m.checkDown(List.of())).contains("List of machines is empty");
        assertThat(m.checkSchedule(schedule(A, A))).get().asString().endsWith("appears more than once in the schedule");
        assertThat(m.checkSchedule(new Schedule(List.of(new Window(List.of(), SOON)))))
                .contains("List of machines in the maintenance window is empty");
        assertThat(m.checkSchedule(schedule(new MachineId("", null))))
                .contains("Both 'hostname' and 'ip' for a machine are empty");
        assertThat(m.checkSchedule(schedule(new MachineId(null, "10.0.0.300")))).contains("Failed to parse IPv4: 10.0.0.300");
        assertThat(m.checkSchedule(new Schedule(List.of(new Window(List.of(A), new Unavailability(0, -1L))))))
                .contains("Unavailability 'duration' is negative");
    }

    @Test
    void snapshotRestoresScheduleAndModes() {
        Maintenance m = new Maintenance();
        m.updateSchedule(schedule(A, B));
        m.down(List.of(B));
        Maintenance back = Maintenance.restore(Json.parse(m.snapshot().toString()));
        assertThat(back.schedule()).isEqualTo(m.schedule());
        assertThat(back.mode(B)).isEqualTo(Maintenance.Mode.DOWN);
        assertThat(back.mode(A)).isEqualTo(Maintenance.Mode.DRAINING);
        assertThat(back.unavailability(A)).contains(SOON);
    }

    @Test
    void scheduleReadsMesosJson() {
        Schedule s = Schedule.of(Json.parse("{\"windows\":[{\"machine_ids\":[{\"hostname\":\"h1\"},{\"ip\":\"10.0.0.2\"}],"
                + "\"unavailability\":{\"start\":{\"nanoseconds\":5}}}]}"));
        assertThat(s.windows().get(0).machineIds()).containsExactly(new MachineId("h1", null), new MachineId(null, "10.0.0.2"));
        assertThat(s.windows().get(0).unavailability()).isEqualTo(new Unavailability(5, null));
        assertThat(Json.parse(s.toJson().toString())).isEqualTo(Json.parse("{\"windows\":[{\"machine_ids\":"
                + "[{\"hostname\":\"h1\"},{\"ip\":\"10.0.0.2\"}],\"unavailability\":{\"start\":{\"nanoseconds\":5}}}]}"));
    }
}
