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
}
