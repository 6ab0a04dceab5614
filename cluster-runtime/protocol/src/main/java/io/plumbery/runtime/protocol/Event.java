package io.plumbery.runtime.protocol;

import java.util.List;

/** mesos.v1.scheduler.Event. */
public record Event(Type type, Subscribed subscribed, Offers offers, Rescind rescind, Update update, Failure failure,
                    Error error, InverseOffers inverseOffers, RescindInverseOffer rescindInverseOffer,
                    UpdateOperationStatus updateOperationStatus) {

    public enum Type { UNKNOWN, SUBSCRIBED, OFFERS, INVERSE_OFFERS, RESCIND, RESCIND_INVERSE_OFFER, UPDATE,
        UPDATE_OPERATION_STATUS, MESSAGE, FAILURE, ERROR, HEARTBEAT }

    public record Subscribed(Id frameworkId, Double heartbeatIntervalSeconds, MasterInfo masterInfo) {
    }

    public record Offers(List<Offer> offers) {
    }

    public record Rescind(Id offerId) {
    }

    public record Update(TaskStatus status) {
    }

    public record Failure(Id agentId, Id executorId, Integer status) {
    }

    public record Error(String message) {
    }

    /** mesos.v1.InverseOffer messages, as JSON (id, framework_id, agent_id, unavailability, ...). */
    public record InverseOffers(List<com.fasterxml.jackson.databind.JsonNode> inverseOffers) {
    }

    public record RescindInverseOffer(Id inverseOfferId) {
    }

    public record UpdateOperationStatus(com.fasterxml.jackson.databind.JsonNode status) {
    }

    public static Event subscribed(Id frameworkId, double heartbeatSeconds, MasterInfo master) {
        return new Event(Type.SUBSCRIBED, new Subscribed(frameworkId, heartbeatSeconds, master), null, null,
                null, null, null, null, null, null);
    }

    public static Event offers(List<Offer> offers) {
        return new Event(Type.OFFERS, null, new Offers(offers), null, null, null, null, null, null, null);
    }

    public static Event rescind(Id offerId) {
        return new Event(Type.RESCIND, null, null, new Rescind(offerId), null, null, null, null, null, null);
    }

    public static Event update(TaskStatus status) {
        return new Event(Type.UPDATE, null, null, null, new Update(status), null, null, null, null, null);
    }

    public static Event failure(Id agentId) {
        return new Event(Type.FAILURE, null, null, null, null, new Failure(agentId, null, null), null, null,
                null, null);
    }

    public static Event error(String message) {
        return new Event(Type.ERROR, null, null, null, null, null, new Error(message), null, null, null);
    }

    public static Event inverseOffers(List<com.fasterxml.jackson.databind.JsonNode> offers) {
        return new Event(Type.INVERSE_OFFERS, null, null, null, null, null, null, new InverseOffers(offers),
                null, null);
    }

    public static Event rescindInverseOffer(Id inverseOfferId) {
        return new Event(Type.RESCIND_INVERSE_OFFER, null, null, null, null, null, null, null,
                new RescindInverseOffer(inverseOfferId), null);
    }

    /** An offer operation's status (mesos.v1.OperationStatus, as JSON). */
    public static Event updateOperationStatus(com.fasterxml.jackson.databind.JsonNode status) {
        return new Event(Type.UPDATE_OPERATION_STATUS, null, null, null, null, null, null, null, null,
                new UpdateOperationStatus(status));
    }

    public static Event heartbeat() {
        return new Event(Type.HEARTBEAT, null, null, null, null, null, null, null, null, null);
    }
}
