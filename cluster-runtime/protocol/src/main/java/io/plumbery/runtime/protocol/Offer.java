package io.plumbery.runtime.protocol;

import java.util.List;

/** mesos.v1.Offer; {@code unavailability} (mesos.v1.Unavailability JSON) when the agent's machine is DRAINING. */
public record Offer(Id id, Id frameworkId, Id agentId, String hostname, Url url, List<Resource> resources,
                    List<Attribute> attributes, List<Id> executorIds, Resource.AllocationInfo allocationInfo,
                    com.fasterxml.jackson.databind.JsonNode unavailability) {

    /** mesos.v1.URL of the agent. */
    public record Url(String scheme, Address address, String path) {
    }
}
