package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;

import java.util.List;

import org.jclouds.aws.ec2.AWSEC2Api;

/** CreateTags right after a resource is made: what lets the plan find it again by name. */
final class Ec2Tagging {

    private final AWSEC2Api api;
    private final String region;
    private final Ec2Tags tags;
    private final Ec2Calls calls;

    Ec2Tagging(AWSEC2Api api, String region, Ec2Tags tags, Ec2Calls calls) {
        this.api = api;
        this.region = region;
        this.tags = tags;
        this.calls = calls;
    }

    void tag(String resourceId, String kind, String name) throws ProviderException {
        calls.justMade("tagging " + kind + " " + name + " (" + resourceId + ")", () -> {
            api.getTagApiForRegion(region).get().applyToResources(tags.of(kind, name), List.of(resourceId));
            return null;
        });
    }
}
