package io.plumbery.runtime.master;

import io.plumbery.runtime.acls.Action;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Call;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.OpenOffer;
import io.plumbery.runtime.state.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The v1 scheduler API calls, executed against the master state under its lock. */
public final class SchedulerCalls {

    /** Outcome of a call: HTTP status (202 accepted) and an error text for 4xx. */
    public record Result(int status, String error) {
        static final Result ACCEPTED = new Result(202, null);

        static Result bad(String error) {
            return new Result(400, error);
        }
    }

    /** A successful subscription. */
    public record Subscription(String frameworkId, String streamId) {
    }

    private final MasterCore core;

    public SchedulerCalls(MasterCore core) {
        this.core = core;
    }

    public Subscription subscribe(FrameworkInfo requested, FrameworkRecord.EventSink sink, String streamId) {
        if (requested == null || requested.name() == null) {
            throw new IllegalArgumentException("SUBSCRIBE requires subscribe.framework_info with a name");
        }
        Subscription subscription;
        synchronized (core.state) {
            if (!core.state.leader) {
                throw new IllegalStateException("not the leading master");
            }
            String id = requested.id() != null ? requested.id().value() : core.state.nextFrameworkId();
            if (core.state.registry.isRemovedFramework(id)) {
                sink.send(Event.error("Framework has been removed"));
                sink.close();
                return new Subscription(id, streamId);
            }
            FrameworkInfo info = requested.withId(Id.of(id));
            FrameworkRecord fw = core.state.frameworks.get(id);
            Optional<String> changed = FrameworkPrincipals.changed(fw == null ? null : fw.info(), info);
            if (changed.isPresent()) {
                // as Mesos: the framework id keeps its principal; the subscription is refused, the framework stays
                sink.send(Event.error(changed.get()));
                sink.close();
                return new Subscription(id, streamId);
            }
            boolean added = fw == null;
            if (fw == null) {
                fw = new FrameworkRecord(id, info, false, MasterCore.now());
                core.state.frameworks.put(id, fw);
            } else if (fw.sink() != null) {
                FrameworkRecord.EventSink old = fw.sink();
                old.send(Event.error("Framework failed over"));
                old.close();
            }
            new ArrayList<>(fw.offers().keySet()).forEach(core::rescind);
            fw.subscribe(info, sink, streamId, MasterCore.now());
            core.state.allocator.addFramework(id, info.effectiveRoles(), true);
            core.state.allocator.activateFramework(id, true);
            core.state.allocator.revive(id);
            sink.send(Event.subscribed(Id.of(id), core.config.heartbeatInterval().toMillis() / 1000.0, core.info()));
            sink.send(Event.heartbeat());
            subscription = new Subscription(id, streamId);
            FrameworkRecord subscribed = fw;
            core.publish(l -> l.frameworkAdded(subscribed, core.state, !added));
        }
        core.allocateSoon();
        return subscription;
    }

    /** The subscription stream ended: the framework is disconnected and has failover_timeout to come back. */
    public void disconnected(String frameworkId, String streamId) {
        synchronized (core.state) {
            FrameworkRecord fw = core.state.frameworks.get(frameworkId);
            if (fw == null || !streamId.equals(fw.streamId())) {
                return;
            }
            new ArrayList<>(fw.offers().keySet()).forEach(core::rescind);
            core.state.allocator.activateFramework(frameworkId, false);
            long timeoutMillis = (long) (fw.info().failoverTimeoutSeconds() * 1000);
            fw.disconnect(MasterCore.now(), core.timers.schedule(() -> failoverExpired(frameworkId),
                    timeoutMillis, TimeUnit.MILLISECONDS));
        }
    }

    private void failoverExpired(String frameworkId) {
        synchronized (core.state) {
            FrameworkRecord fw = core.state.frameworks.get(frameworkId);
            if (fw != null && !fw.connected()) {
                core.removeFramework(fw, "Framework failover timeout");
            }
        }
    }

    /**
     * Why the framework may not subscribe with these roles (REGISTER_FRAMEWORK of {@code --acls}, for each role of
     * its FrameworkInfo, as its principal), in Mesos's words; empty when it may.
     */
    public Optional<String> notAuthorizedToRegister(FrameworkInfo info) {
        if (core.authorizer.mayRegister(info.principal(), info.effectiveRoles())) {
            return Optional.empty();
        }
        return Optional.of("Not authorized to register framework " + (info.id() == null ? "" : info.id().value())
                + " with roles { " + String.join(", ", info.effectiveRoles()) + " }");
    }

    /** A call of an authenticated {@code principal} (null where the scheduler API is open). */
    public Result call(String streamId, Call call, String principal) {
        if (call.type() == null || call.frameworkId() == null) {
            return Result.bad("Call requires type and framework_id");
        }
        synchronized (core.state) {
            FrameworkRecord fw = core.state.frameworks.get(call.frameworkId().value());
            if (fw == null) {
                return new Result(404, "Framework cannot be found");
            }
            Optional<String> mismatch = FrameworkPrincipals.callMismatch(principal, fw.info());
            if (mismatch.isPresent()) {
                return Result.bad(mismatch.get());
            }
            if (streamId == null || !streamId.equals(fw.streamId())) {
                return Result.bad("The stream ID '" + streamId + "' included in this request didn't match the"
                        + " stream ID currently associated with framework ID " + fw.id());
            }
            return switch (call.type()) {
                case ACCEPT -> accept(fw, call.accept());
                case DECLINE -> decline(fw, call.decline());
                case KILL -> kill(fw, call.kill());
                case ACKNOWLEDGE -> acknowledge(fw, call.acknowledge());
                case RECONCILE -> reconcile(fw, call.reconcile());
                case REVIVE -> revive(fw, call.revive() == null ? null : call.revive().roles());
                case SUPPRESS -> suppress(fw, call.suppress() == null ? null : call.suppress().roles());
                case TEARDOWN -> teardown(fw);
                case UPDATE_FRAMEWORK -> updateFramework(fw, call.updateFramework());
                case ACCEPT_INVERSE_OFFERS -> MaintenanceControl.answer(core, fw, call.acceptInverseOffers(), true);
                case DECLINE_INVERSE_OFFERS -> MaintenanceControl.answer(core, fw, call.declineInverseOffers(), false);
                case SHUTDOWN -> FrameworkCalls.shutdown(core, fw, call.shutdown());
                case MESSAGE -> FrameworkCalls.message(fw, call.message());
                case REQUEST -> FrameworkCalls.request(fw);
                default -> Result.bad("Call type " + call.type() + " is not supported by this master");
            };
        }
    }

    private Result accept(FrameworkRecord fw, Call.Accept accept) {
        if (accept == null) {
            return Result.bad("ACCEPT requires accept");
        }
        List<TaskInfo> tasks = new ArrayList<>();
        List<Call.Operation> unsupported = new ArrayList<>();
        if (accept.operations() != null) {
            for (Call.Operation op : accept.operations()) {
                if ("LAUNCH".equals(op.type()) && op.launch() != null && op.launch().taskInfos() != null) {
                    tasks.addAll(op.launch().taskInfos());
                } else if (!"LAUNCH".equals(op.type())) {
                    unsupported.add(op);
                }
            }
        }
        List<OpenOffer> offers = new ArrayList<>();
        String invalid = null;
        for (Id offerId : accept.offerIds() == null ? List.<Id>of() : accept.offerIds()) {
            OpenOffer open = core.state.offers.get(offerId.value());
            if (open == null || !open.frameworkId().equals(fw.id())) {
                invalid = "Offer " + offerId.value() + " is no longer valid";
            } else if (!offers.isEmpty() && !offers.get(0).agentId().equals(open.agentId())) {
                invalid = "Aggregated offers must belong to the same agent";
            } else {
                offers.add(core.takeOffer(offerId.value()));
            }
        }
        if (offers.isEmpty() && invalid == null) {
            invalid = "No offers given";
        }
        if (invalid != null) {
            UnsupportedOperations.refuse(fw, unsupported, null);
            offers.forEach(o -> core.state.allocator.recover(fw.id(), o.agentId(), o.role(), o.resources(), 0,
                    MasterCore.now()));
            TaskState lost = fw.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
            for (TaskInfo t : tasks) {
                fw.send(Event.update(MasterCore.masterStatus(t.taskId().value(), lost,
                        t.agentId() == null ? null : t.agentId().value(), "REASON_INVALID_OFFERS", invalid)));
            }
            core.allocateSoon();
            return Result.ACCEPTED;
        }
        String agentId = offers.get(0).agentId();
        UnsupportedOperations.refuse(fw, unsupported, agentId);
        AgentRecord agent = core.state.agents.get(agentId);
        Resources available = Resources.EMPTY;
        for (OpenOffer o : offers) {
            available = available.plus(o.resources());
        }
        List<TaskRecord> launching = new ArrayList<>();
        for (TaskInfo task : tasks) {
            String unauthorized = notAuthorizedToRun(fw, task);
            if (unauthorized != null) {
                fw.send(Event.update(MasterCore.masterStatus(task.taskId() == null ? "" : task.taskId().value(),
                        TaskState.TASK_ERROR, agentId, "REASON_TASK_UNAUTHORIZED", unauthorized)));
                continue;
            }
            String error = validate(fw, agent, agentId, task, available);
            if (error != null) {
                fw.send(Event.update(MasterCore.masterStatus(task.taskId() == null ? "" : task.taskId().value(),
                        TaskState.TASK_ERROR, agentId, "REASON_TASK_INVALID", error)));
                continue;
            }
            available = available.minus(Resources.fromProto(task.resources()));
            launching.add(record(fw, agent, task));
        }
        launch(fw, agent, launching);
        double refuse = accept.filters() == null ? 5.0 : accept.filters().refuseSecondsOrDefault();
        core.state.allocator.recover(fw.id(), agentId, offers.get(0).role(), available, refuse, MasterCore.now());
        core.allocateSoon();
        return Result.ACCEPTED;
    }

    /**
     * RUN_TASK of {@code --acls}: the framework's principal runs the task as its command's user, else the framework's;
     * null when it may, else Mesos's message (its words, "no authorized" included).
     */
    private String notAuthorizedToRun(FrameworkRecord fw, TaskInfo task) {
        String user = task.command() != null && task.command().user() != null ? task.command().user()
                : fw.info().user();
        if (core.authorizer.authorized(Action.RUN_TASK, fw.info().principal(), user)) {
            return null;
        }
        return "Principal '" + (fw.info().principal() == null ? "" : fw.info().principal()) + "' no authorized to launch"
                + " task " + (task.taskId() == null ? "" : task.taskId().value()) + " of framework " + fw.id()
                + " under user '" + (user == null ? "" : user) + "'";
    }

    private String validate(FrameworkRecord fw, AgentRecord agent, String agentId, TaskInfo task, Resources available) {
        if (task.taskId() == null || task.taskId().value() == null || task.taskId().value().isEmpty()) {
            return "Task has no task_id";
        }
        TaskRecord existing = fw.tasks().get(task.taskId().value());
        if (existing != null) {
            return "Task has duplicate ID: " + task.taskId().value();
        }
        if (task.agentId() == null || !agentId.equals(task.agentId().value())) {
            return "Task uses invalid agent: " + (task.agentId() == null ? "none" : task.agentId().value());
        }
        if (task.command() == null && task.executor() == null) {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }
        if (task.executor() != null) {
            return "Custom executors are not supported by this agent; use CommandInfo";
        }
        if (task.container() != null && task.container().path("type").asText("MESOS").equals("DOCKER")
                && (agent == null || !agent.docker())) {
            return "Docker containerizer is not available on this agent";
        }
        Resources wanted = Resources.fromProto(task.resources());
        if (wanted.isEmpty()) {
            return "Task uses no resources";
        }
        if (!available.contains(wanted)) {
            return "Task uses more resources " + wanted + " than available " + available;
        }
        return null;
    }

    private TaskRecord record(FrameworkRecord fw, AgentRecord agent, TaskInfo task) {
        TaskRecord record = new TaskRecord(task, fw.id(), agent.id());
        fw.tasks().put(record.id(), record);
        agent.tasks().put(record.id(), record);
        core.publish(l -> l.taskAdded(record));
        return record;
    }

    /** One request to the agent for all tasks of this ACCEPT; if it fails they are lost (or dropped). */
    private void launch(FrameworkRecord fw, AgentRecord agent, List<TaskRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<AgentMessages.Launch> launches = new ArrayList<>();
        records.forEach(r -> launches.add(new AgentMessages.Launch(fw.id(), fw.info(), r.info())));
        core.agentLink.launch(agent.endpoint(), agent.batches(), launches).thenAccept(ok -> {
            if (!ok) {
                records.forEach(this::launchFailed);
            }
        });
    }

    private void launchFailed(TaskRecord record) {
        synchronized (core.state) {
            FrameworkRecord fw = core.state.frameworks.get(record.frameworkId());
            if (record.state() != TaskState.TASK_STAGING || fw == null) {
                return;
            }
            TaskStatus status = MasterCore.masterStatus(record.id(), fw.partitionAware() ? TaskState.TASK_DROPPED
                    : TaskState.TASK_LOST, record.agentId(), "REASON_AGENT_DISCONNECTED", "Agent could not be reached");
            core.applyStatus(record, status);
            core.retire(record);
            fw.send(Event.update(status));
        }
    }

    private Result decline(FrameworkRecord fw, Call.Decline decline) {
        if (decline == null || decline.offerIds() == null) {
            return Result.bad("DECLINE requires decline.offer_ids");
        }
        double refuse = decline.filters() == null ? 5.0 : decline.filters().refuseSecondsOrDefault();
        for (Id offerId : decline.offerIds()) {
            OpenOffer open = core.state.offers.get(offerId.value());
            if (open != null && open.frameworkId().equals(fw.id())) {
                core.takeOffer(offerId.value());
                core.state.allocator.recover(fw.id(), open.agentId(), open.role(), open.resources(), refuse,
                        MasterCore.now());
            }
        }
        core.allocateSoon();
        return Result.ACCEPTED;
    }

    private Result kill(FrameworkRecord fw, Call.Kill kill) {
        if (kill == null || kill.taskId() == null) {
            return Result.bad("KILL requires kill.task_id");
        }
        TaskRecord task = fw.tasks().get(kill.taskId().value());
        if (task == null) {
            TaskState unknown = fw.partitionAware() ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST;
            fw.send(Event.update(MasterCore.masterStatus(kill.taskId().value(), unknown,
                    kill.agentId() == null ? null : kill.agentId().value(), "REASON_RECONCILIATION",
                    "Attempted to kill an unknown task")));
            return Result.ACCEPTED;
        }
        if (task.state().isTerminal()) {
            return Result.ACCEPTED;
        }
        AgentRecord agent = core.state.agents.get(task.agentId());
        if (agent != null) {
            TaskInfo.KillPolicy policy = kill.killPolicy() != null ? kill.killPolicy() : task.info().killPolicy();
            Long grace = policy == null || policy.gracePeriod() == null ? null : policy.gracePeriod().nanoseconds();
            core.agentLink.kill(agent.endpoint(), new AgentMessages.Kill(fw.id(), task.id(), grace));
        }
        return Result.ACCEPTED;
    }

    private Result acknowledge(FrameworkRecord fw, Call.Acknowledge ack) {
        if (ack == null || ack.taskId() == null || ack.uuid() == null) {
            return Result.bad("ACKNOWLEDGE requires acknowledge.task_id and uuid");
        }
        TaskRecord task = fw.tasks().get(ack.taskId().value());
        String agentId = task != null ? task.agentId() : ack.agentId() == null ? null : ack.agentId().value();
        AgentRecord agent = agentId == null ? null : core.state.agents.get(agentId);
        if (agent != null) {
            core.agentLink.ack(agent.endpoint(), agent.batches(),
                    new AgentMessages.Ack(fw.id(), ack.taskId().value(), ack.uuid()));
        }
        if (task != null && task.state().isTerminal() && ack.uuid().equals(task.latestStatus().uuid())) {
            core.retire(task);
        }
        return Result.ACCEPTED;
    }

    private Result reconcile(FrameworkRecord fw, Call.Reconcile reconcile) {
        List<Call.ReconcileTask> wanted = reconcile == null || reconcile.tasks() == null ? List.of() : reconcile.tasks();
        if (wanted.isEmpty()) {
            for (TaskRecord task : fw.tasks().values()) {
                fw.send(Event.update(task.latestStatus().forReconciliation()));
            }
            return Result.ACCEPTED;
        }
        for (Call.ReconcileTask t : wanted) {
            core.reconciliation.reconcile(fw, t.taskId().value(), t.agentId() == null ? null : t.agentId().value());
        }
        return Result.ACCEPTED;
    }

    /** REVIVE: of the roles named, else of all the framework's roles. */
    private Result revive(FrameworkRecord fw, List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            core.state.allocator.revive(fw.id());
        } else {
            core.state.allocator.suppress(fw.id(), roles, false);
        }
        core.allocateSoon();
        return Result.ACCEPTED;
    }

    /** SUPPRESS: of the roles named, else of all the framework's roles. */
    private Result suppress(FrameworkRecord fw, List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            core.state.allocator.suppress(fw.id(), true);
        } else {
            core.state.allocator.suppress(fw.id(), roles, true);
        }
        return Result.ACCEPTED;
    }

    /** UPDATE_FRAMEWORK: name, capabilities, failover_timeout, labels... change, and its roles (offered from now on). */
    private Result updateFramework(FrameworkRecord fw, Call.Subscribe update) {
        if (update == null || update.frameworkInfo() == null || update.frameworkInfo().id() == null
                || !fw.id().equals(update.frameworkInfo().id().value())) {
            return Result.bad("UPDATE_FRAMEWORK requires update_framework.framework_info with this framework's id");
        }
        Optional<String> changed = FrameworkPrincipals.changed(fw.info(), update.frameworkInfo());
        if (changed.isPresent()) {
            return Result.bad("FrameworkInfo update is not valid: " + changed.get());
        }
        Optional<String> unauthorized = notAuthorizedToRegister(update.frameworkInfo());
        if (unauthorized.isPresent()) {
            return new Result(403, unauthorized.get());
        }
        fw.update(update.frameworkInfo());
        core.state.allocator.updateRoles(fw.id(), update.frameworkInfo().effectiveRoles());
        core.allocateSoon();
        core.publish(l -> l.frameworkAdded(fw, core.state, true));
        return new Result(200, null);
    }

    private Result teardown(FrameworkRecord fw) {
        core.removeFramework(fw, "Framework torn down");
        return Result.ACCEPTED;
    }
}
