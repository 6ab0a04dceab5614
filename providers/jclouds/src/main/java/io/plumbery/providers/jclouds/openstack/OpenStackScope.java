package io.plumbery.providers.jclouds.openstack;

import org.jclouds.openstack.neutron.v2.NeutronApi;
import org.jclouds.openstack.nova.v2_0.NovaApi;

/**
 * What each kind of resource the provider makes works within: Nova and Neutron in the plan's region, the plan's marks,
 * and the way calls are made and retried.
 */
record OpenStackScope(NovaApi nova, NeutronApi neutron, String region, OpenStackMarks marks, OpenStackCalls calls) {
}
