package io.plumbery.providers.jclouds.ec2;

import org.jclouds.aws.ec2.AWSEC2Api;

/**
 * What each kind of resource the provider makes works within: the API, the plan's region, the plan's tags, the way
 * calls are made and retried, and the tagging of what was just made.
 */
record Ec2Scope(AWSEC2Api api, String region, Ec2Tags tags, Ec2Calls calls, Ec2Tagging tagging) {
}
