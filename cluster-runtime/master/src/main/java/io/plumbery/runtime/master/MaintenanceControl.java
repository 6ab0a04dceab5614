package io.plumbery.runtime.master;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.maintenance.InverseOffers;
import io.plumbery.runtime.maintenance.MachineId;
import io.plumbery.runtime.maintenance.Maintenance;
import io.plumbery.runtime.maintenance.Schedule;
import io.plumbery.runtime.maintenance.Unavailability;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.Call;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.OpenOffer;
import io.plumbery.runtime.state.TaskRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maintenance as the master carries it out (Mesos's maintenance primitives): the schedule puts machines in DRAINING
 * mode, whose agents' frameworks get inverse offers; machine down removes the machine's agents (told to shut down,
 * their tasks lost) and refuses them until machine up.
 */
public final class MaintenanceControl {
    static final String MACHINE_DOWN = "Operator initiated 'Machine DOWN'";
    private final MasterCore core;

    public MaintenanceControl(MasterCore core) {
        this.core = core;
    }

    /** The machine an agent runs on: its hostname and the IP it is reached at. */
    static MachineId machineOf(AgentInfo info, String endpoint) {
        return new MachineId(info.hostname(), endpoint.substring(0, endpoint.lastIndexOf(':')));
    }

    public ObjectNode schedule() {
        return core.read(s -> s.maintenance.schedule().toJson());
    }

    /** Replaces the schedule; the error text when Mesos would refuse it. */
    public Optional<String> updateSchedule(Schedule schedule) {
        synchronized (core.state) {
            Optional<String> invalid = core.state.maintenance.checkSchedule(schedule);
            if (invalid.isEmpty()) {
                core.state.maintenance.updateSchedule(schedule);
                for (AgentRecord agent : core.state.agents.values()) {
                    if (mode(agent) != Maintenance.Mode.DRAINING) {
                        AgentRemoval.rescindInverseOffers(core, agent.id());
                    }
                }
            }
            return invalid;
        }
    }

    /** START_MAINTENANCE, {@code /machine/down}: the machines' agents are removed and refused until they are up. */
    public Optional<String> down(List<MachineId> ids) {
        synchronized (core.state) {
            Optional<String> invalid = core.state.maintenance.checkDown(ids);
            if (invalid.isPresent()) {
                return invalid;
            }
            for (AgentRecord agent : new ArrayList<>(core.state.agents.values())) {
                if (ids.contains(machineOf(agent.info(), agent.endpoint()))) {
                    AgentRemoval.remove(core, agent, MACHINE_DOWN);
                }
            }
            core.state.maintenance.down(ids);
            return Optional.empty();
        }
    }

    /** STOP_MAINTENANCE, {@code /machine/up}: the machines leave the schedule; their agents may register again. */
    public Optional<String> up(List<MachineId> ids) {
        synchronized (core.state) {
            Optional<String> invalid = core.state.maintenance.checkUp(ids);
            if (invalid.isEmpty()) {
                core.state.maintenance.up(ids);
            }
            return invalid;
        }
    }

    /** mesos.maintenance.ClusterStatus: DRAINING machines with the frameworks' answers, DOWN machines. */
    public ObjectNode status() {
        synchronized (core.state) {
            Map<MachineId, List<AgentRecord>> agents = new LinkedHashMap<>();
            core.state.agents.values().forEach(a ->
                    agents.computeIfAbsent(machineOf(a.info(), a.endpoint()), m -> new ArrayList<>()).add(a));
            ObjectNode o = Json.object();
            List<MachineId> draining = core.state.maintenance.machinesIn(Maintenance.Mode.DRAINING);
            if (!draining.isEmpty()) {
                ArrayNode list = o.putArray("draining_machines");
                for (MachineId id : draining) {
                    ObjectNode machine = list.addObject();
                    machine.set("id", id.toJson());
                    ArrayNode statuses = Json.MAPPER.createArrayNode();
                    agents.getOrDefault(id, List.of()).forEach(a ->
                            statuses.addAll(core.state.inverseOffers.statuses(a.id())));
                    if (!statuses.isEmpty()) {
                        machine.set("statuses", statuses);
                    }
                }
            }
            List<MachineId> down = core.state.maintenance.machinesIn(Maintenance.Mode.DOWN);
            if (!down.isEmpty()) {
                ArrayNode list = o.putArray("down_machines");
                down.forEach(id -> list.add(id.toJson()));
            }
            return o;
        }
    }

    /**
     * Why the master refuses this agent's (re-)registration, or empty: its machine is DOWN, or it was marked gone.
     * Caller holds the lock.
     */
    static Optional<String> refusal(MasterCore core, AgentInfo info, String endpoint) {
        if (core.state.maintenance.mode(machineOf(info, endpoint)) == Maintenance.Mode.DOWN) {
            return Optional.of("Machine is `DOWN`");
        }
        if (info.id() != null && core.state.drains.gone(info.id().value())) {
            return Optional.of(AgentRefused.GONE);
        }
        return Optional.empty();
    }

    /**
     * Inverse offers for agents on DRAINING machines, to each connected framework using or offered resources there
     * that has none outstanding for the agent and has not refused one lately.
     */
    public void sendInverseOffers() {
        Map<FrameworkRecord, List<JsonNode>> byFramework = new LinkedHashMap<>();
        synchronized (core.state) {
            if (!core.state.leader) {
                return;
            }
            long now = MasterCore.now();
            for (AgentRecord agent : core.state.agents.values()) {
                if (mode(agent) != Maintenance.Mode.DRAINING) {
                    continue;
                }
                for (String frameworkId : frameworksOn(agent)) {
                    FrameworkRecord fw = core.state.frameworks.get(frameworkId);
                    if (fw == null || !fw.connected() || !core.state.inverseOffers.due(frameworkId, agent.id(), now)) {
                        continue;
                    }
                    InverseOffers.Outstanding o = core.state.inverseOffers.offer(frameworkId, agent.id(), now);
                    byFramework.computeIfAbsent(fw, f -> new ArrayList<>()).add(inverseOffer(o, agent));
                }
            }
        }
        byFramework.forEach((fw, offers) -> fw.send(Event.inverseOffers(offers)));
    }

    private Set<String> frameworksOn(AgentRecord agent) {
        Set<String> ids = new LinkedHashSet<>();
        for (TaskRecord t : agent.tasks().values()) {
            if (!t.state().isTerminal()) {
                ids.add(t.frameworkId());
            }
        }
        for (OpenOffer o : core.state.offers.values()) {
            if (o.agentId().equals(agent.id())) {
                ids.add(o.frameworkId());
            }
        }
        return ids;
    }

    /** The unavailability of a DRAINING machine, which offers of its agents carry (null otherwise). Lock held. */
    static JsonNode unavailability(MasterState state, AgentRecord agent) {
        MachineId machine = machineOf(agent.info(), agent.endpoint());
        if (state.maintenance.mode(machine) != Maintenance.Mode.DRAINING) {
            return null;
        }
        return state.maintenance.unavailability(machine).map(Unavailability::toJson).orElse(null);
    }

    private JsonNode inverseOffer(InverseOffers.Outstanding o, AgentRecord agent) {
        ObjectNode offer = Json.object();
        offer.putObject("id").put("value", o.id());
        offer.putObject("framework_id").put("value", o.frameworkId());
        offer.putObject("agent_id").put("value", agent.id());
        core.state.maintenance.unavailability(machineOf(agent.info(), agent.endpoint()))
                .ifPresent(u -> offer.set("unavailability", u.toJson()));
        offer.putArray("unavailable_resources");
        return offer;
    }

    private Maintenance.Mode mode(AgentRecord agent) {
        return core.state.maintenance.mode(machineOf(agent.info(), agent.endpoint()));
    }

    /** ACCEPT_INVERSE_OFFERS / DECLINE_INVERSE_OFFERS. Caller holds the lock. */
    static SchedulerCalls.Result answer(MasterCore core, FrameworkRecord fw, Call.InverseOfferAnswer answer,
                                        boolean accepted) {
        if (answer == null || answer.inverseOfferIds() == null) {
            return SchedulerCalls.Result.bad("Expecting '" + (accepted ? "accept" : "decline")
                    + "_inverse_offers' to be present");
        }
        double refuse = answer.filters() == null ? 5.0 : answer.filters().refuseSecondsOrDefault();
        for (Id id : answer.inverseOfferIds()) {
            core.state.inverseOffers.answer(id.value(), fw.id(), accepted, refuse, MasterCore.now());
        }
        return SchedulerCalls.Result.ACCEPTED;
    }
}
