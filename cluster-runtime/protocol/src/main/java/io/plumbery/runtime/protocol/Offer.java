package io.plumbery.runtime.protocol;

import java.util.List;

/** mesos.v1.Offer. */
public record Offer(Id id, Id frameworkId, Id agentId, String hostname, Url url, List<Resource> resources,
                    List<Attribute> attributes, List<Id> executorIds, Resource.AllocationInfo allocationInfo) {

    /** mesos.v1.URL of the agent. */
    public record Url(String scheme, Address address, String path) {
    }
}
