package io.plumbery.providers.jclouds.gce;

import java.net.URI;

import org.jclouds.googlecomputeengine.GoogleComputeEngineApi;

/**
 * What each kind of resource the provider makes works within: the API, the project, region and zone, the plan's
 * names, and the way calls are made, retried and waited on.
 *
 * @param base the Compute API's base ({@code https://compute.googleapis.com/compute/v1}), which every resource's URL
 *             starts with
 */
record GceScope(GoogleComputeEngineApi api, String base, String project, String region, String zone, GceNames names,
                GceCalls calls) {

    /** A resource of the project: {@code global/networks/NAME}, {@code regions/R/subnetworks/NAME}... */
    URI project(String path) {
        return URI.create(base + "/projects/" + project + "/" + path);
    }

    URI regional(String path) {
        return project("regions/" + region + "/" + path);
    }

    URI zonal(String path) {
        return project("zones/" + zone + "/" + path);
    }

    /** A public image: {@code projects/debian-cloud/global/images/family/debian-12}. */
    URI image(String path) {
        return URI.create(path.startsWith("http") ? path : base + "/" + path);
    }
}
