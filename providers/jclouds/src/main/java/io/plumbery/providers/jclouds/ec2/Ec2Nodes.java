package io.plumbery.providers.jclouds.ec2;

import io.plumbery.providers.ProviderException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jclouds.aws.ec2.AWSEC2Api;
import org.jclouds.aws.ec2.domain.AWSRunningInstance;
import org.jclouds.aws.ec2.features.AWSInstanceApi;
import org.jclouds.aws.ec2.options.AWSRunInstancesOptions;
import org.jclouds.ec2.domain.BlockDeviceMapping;
import org.jclouds.ec2.domain.Image;
import org.jclouds.util.Predicates2;

import com.google.common.collect.ImmutableMultimap;

/** Instances: run once per plan node (a client token makes a repeated RunInstances return the same one), found by tag. */
final class Ec2Nodes {

    static final String KIND = "node";

    /** What RunInstances is asked, all chosen before the call. */
    record Launch(String name, String imageId, String instanceType, String subnetId, String securityGroupId,
                  String userData, List<Integer> disksGb) {
    }

    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");
    /** Until terminated, an instance holds its security group and subnet. */
    private static final List<String> NOT_TERMINATED = List.of("pending", "running", "stopping", "stopped",
            "shutting-down");

    private final AWSEC2Api api;
    private final String region;
    private final Ec2Tags tags;
    private final Ec2Calls calls;
    private final Ec2Tagging tagging;
    private final String plan;

    Ec2Nodes(AWSEC2Api api, String region, String plan, Ec2Tags tags, Ec2Calls calls, Ec2Tagging tagging) {
        this.api = api;
        this.region = region;
        this.plan = plan;
        this.tags = tags;
        this.calls = calls;
        this.tagging = tagging;
    }

    AWSRunningInstance run(Launch launch) throws ProviderException {
        AWSRunInstancesOptions options = new AWSRunInstancesOptions().asType(launch.instanceType())
                .withSubnetId(launch.subnetId()).withSecurityGroupId(launch.securityGroupId());
        options.withClientToken(clientToken(launch));
        if (!launch.userData().isEmpty()) {
            options.withUserData(launch.userData().getBytes(StandardCharsets.UTF_8));
        }
        if (!launch.disksGb().isEmpty()) {
            Set<BlockDeviceMapping> disks = new LinkedHashSet<>();
            for (int i = 0; i < launch.disksGb().size(); i++) {
                disks.add(new BlockDeviceMapping.MapNewVolumeToDevice("/dev/sd" + (char) ('f' + i),
                        launch.disksGb().get(i), true, "gp3", null, null));
            }
            options.withBlockDeviceMappings(disks);
        }
        AWSRunningInstance instance = calls.idempotent("creating node " + launch.name() + " (" + launch.instanceType()
                + ", " + launch.imageId() + ")", () -> instances().runInstancesInRegion(region, null, launch.imageId(),
                1, 1, options).iterator().next());
        tagging.tag(instance.getId(), KIND, launch.name());
        return instance;
    }

    /** By id when known, else by the plan's tags; instances shutting down or terminated count as gone. */
    Optional<AWSRunningInstance> find(String id, String name) throws ProviderException {
        return find(id, name, LIVE_STATES);
    }

    private Optional<AWSRunningInstance> find(String id, String name, List<String> states) throws ProviderException {
        ImmutableMultimap.Builder<String, String> filter = ImmutableMultimap.builder();
        if (id != null) {
            filter.put("instance-id", id);
        } else {
            filter.putAll(tags.filter(KIND, name));
        }
        filter.putAll("instance-state-name", states);
        return calls.idempotent("looking for node " + name, () -> instances()
                .describeInstancesInRegionWithFilter(region, filter.build()).stream()
                .flatMap(reservation -> reservation.stream()).map(AWSRunningInstance.class::cast)
                .filter(i -> tags.marks(i.getTags(), KIND, name))
                .min(Comparator.comparing(AWSRunningInstance::getId)));
    }

    void start(String id, String name) throws ProviderException {
        calls.idempotent("starting node " + name + " (" + id + ")", () -> instances().startInstancesInRegion(region, id));
    }

    void stop(String id, String name) throws ProviderException {
        calls.idempotent("stopping node " + name + " (" + id + ")",
                () -> instances().stopInstancesInRegion(region, false, id));
    }

    /** The instance's console output as EC2 keeps it (jclouds decodes its base64); null while there is none. */
    String console(String id, String name) throws ProviderException {
        return calls.idempotent("reading the console output of node " + name + " (" + id + ")",
                () -> instances().getConsoleOutputForInstanceInRegion(region, id));
    }

    /** Terminates and waits until EC2 says so: its security group and subnet cannot be deleted before. */
    void terminate(String id, String name, Duration wait) throws ProviderException {
        calls.removing("destroying node " + name + " (" + id + ")",
                () -> instances().terminateInstancesInRegion(region, id));
        boolean gone = Predicates2.retry((String instance) -> {
            try {
                return find(instance, name, NOT_TERMINATED).isEmpty();
            } catch (ProviderException e) {
                return false;
            }
        }, wait.toMillis(), 1000, 10000, TimeUnit.MILLISECONDS).apply(id);
        if (!gone) {
            throw new ProviderException("aws-ec2: node " + name + " (" + id + ") is not terminated after "
                    + wait.toSeconds() + " s (aws.wait-timeout)", true, null);
        }
    }

    /** The newest image of a publisher whose name matches (names end with their build date). */
    Image newestImage(Ec2Images.ImageQuery query) throws ProviderException {
        return calls.idempotent("looking for the AMI of appliance '" + query.appliance() + "' (owner " + query.owner()
                + ", name " + query.namePattern() + ")", () -> api.getAMIApiForRegion(region).get()
                .describeImagesInRegionWithFilter(region, ImmutableMultimap.of("owner-id", query.owner(),
                        "name", query.namePattern(), "architecture", "x86_64", "state", "available"))
                .stream().map(Image.class::cast).max(Comparator.comparing(Image::getName))
                .orElseThrow(() -> new ProviderException("aws-ec2: appliance '" + query.appliance() + "': no image "
                        + "of owner " + query.owner() + " named " + query.namePattern() + " in " + region)));
    }

    /**
     * Same plan, node and subnet, same token: a RunInstances sent again after a lost answer gets the instance the
     * first one made. A new deployment after a dispose has a new subnet, so a new token (EC2 would otherwise return
     * the terminated instance).
     */
    private String clientToken(Launch launch) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((plan + "\n" + launch.name() + "\n"
                    + launch.subnetId()).getBytes(StandardCharsets.UTF_8));
            return "plumbery-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private AWSInstanceApi instances() {
        return api.getInstanceApiForRegion(region).get();
    }
}
