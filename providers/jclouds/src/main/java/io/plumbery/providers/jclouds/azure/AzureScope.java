package io.plumbery.providers.jclouds.azure;

import org.jclouds.azurecompute.arm.AzureComputeApi;

/**
 * What each kind of resource the provider makes works within: the API, the plan's resource group and location, the
 * plan's names and tags, and the way calls are made, retried and waited on.
 *
 * @param subscription the subscription's resource id, {@code /subscriptions/ID}, which every resource id starts with
 */
record AzureScope(AzureComputeApi api, String subscription, String resourceGroup, String location, AzureNames names,
                  AzureCalls calls) {

    /** A resource's id in the plan's group: {@code Microsoft.Network/networkSecurityGroups/web-nsg}. */
    String id(String type) {
        return subscription + "/resourceGroups/" + resourceGroup + "/providers/" + type;
    }
}
