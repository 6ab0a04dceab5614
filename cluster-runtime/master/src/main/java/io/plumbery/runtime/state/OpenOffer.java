package io.plumbery.runtime.state;

import io.plumbery.runtime.protocol.Offer;
import io.plumbery.runtime.protocol.Resources;

/** An outstanding offer: what it holds and when it was made. */
public record OpenOffer(Offer offer, Resources resources, long createdMillis) {
    public String frameworkId() {
        return offer.frameworkId().value();
    }

    public String agentId() {
        return offer.agentId().value();
    }

    /** The role it was allocated to ({@code allocation_info}), null if none. */
    public String role() {
        return offer.allocationInfo() == null ? null : offer.allocationInfo().role();
    }
}
