package io.plumbery.runtime.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.List;

/** mesos.v1.scheduler.Call (the call types this master serves). */
public record Call(Id frameworkId, Type type, Subscribe subscribe, Accept accept, Decline decline, Revive revive,
                   Kill kill, Acknowledge acknowledge, Reconcile reconcile, Suppress suppress,
                   Subscribe updateFramework, InverseOfferAnswer acceptInverseOffers,
                   InverseOfferAnswer declineInverseOffers, Shutdown shutdown, Message message) {

    public enum Type {
        @JsonEnumDefaultValue UNKNOWN, SUBSCRIBE, TEARDOWN, ACCEPT, DECLINE, ACCEPT_INVERSE_OFFERS,
        DECLINE_INVERSE_OFFERS, REVIVE, KILL, SHUTDOWN, ACKNOWLEDGE, ACKNOWLEDGE_OPERATION_STATUS, RECONCILE,
        RECONCILE_OPERATIONS, MESSAGE, REQUEST, SUPPRESS, UPDATE_FRAMEWORK
    }

    public record Subscribe(FrameworkInfo frameworkInfo, List<String> suppressedRoles) {
    }

    public record Accept(List<Id> offerIds, List<Operation> operations, Filters filters) {
    }

    public record Decline(List<Id> offerIds, Filters filters) {
    }

    public record Revive(List<String> roles) {
    }

    public record Suppress(List<String> roles) {
    }

    public record Kill(Id taskId, Id agentId, TaskInfo.KillPolicy killPolicy) {
    }

    public record Acknowledge(Id agentId, Id taskId, String uuid) {
    }

    /** ACCEPT_INVERSE_OFFERS and DECLINE_INVERSE_OFFERS. */
    public record InverseOfferAnswer(List<Id> inverseOfferIds, Filters filters) {
    }

    public record Shutdown(Id executorId, Id agentId) {
    }

    /** A framework's message to one of its executors ({@code data} in base64). */
    public record Message(Id agentId, Id executorId, String data) {
    }

    public record Reconcile(List<ReconcileTask> tasks) {
    }

    public record ReconcileTask(Id taskId, Id agentId) {
    }

    /** mesos.v1.Filters; refuse_seconds defaults to 5. */
    public record Filters(Double refuseSeconds) {
        public double refuseSecondsOrDefault() {
            return refuseSeconds == null ? 5.0 : refuseSeconds;
        }
    }

    /** mesos.v1.Offer.Operation (LAUNCH only is executed; the others are answered as unsupported). */
    public record Operation(String type, Id id, Launch launch, LaunchGroup launchGroup) {
    }

    public record LaunchGroup(com.fasterxml.jackson.databind.JsonNode executor, TaskGroup taskGroup) {
    }

    public record TaskGroup(List<TaskInfo> tasks) {
    }

    public record Launch(List<TaskInfo> taskInfos) {
    }
}
