package io.plumbery.providers.jclouds.ec2;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The plan the EC2 tests build: plan {@code demo}, network {@code web} (10.77.3.0/24), node {@code web1}. */
final class Ec2Fixtures {

    static final String ACCESS_KEY = "AKIAPLUMBERYTEST0001";
    static final String SECRET_KEY = "s3cr3t/PlumberyTestSecretKeyNeverPrinted0001";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEPlumberyTestSessionToken0001";

    static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
            "AWS_SESSION_TOKEN", SESSION_TOKEN);

    static final NetworkRequest NETWORK = new NetworkRequest("web", "WebFox", "web", "10.77.3.0/24");

    static final List<FirewallRule> RULES = List.of(
            new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", "10.77.3.0/24"),
            new FirewallRule("netbios", FirewallRule.Protocol.UDP, 137, 138, "10.77.3.0/24", "10.77.3.0/24"),
            FirewallRule.icmp("ping", "10.77.0.0/16", "10.77.3.0/24"),
            FirewallRule.everything("accept-db", "10.88.0.0/24", "10.77.3.0/24"));

    private Ec2Fixtures() {
    }

    static ProviderSettings settings(Ec2Replay replay, Path work, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(Map.of("location", "eu-west-3", "aws.endpoint", replay.endpoint(),
                "aws.retry-delay-ms", "5", "aws.wait-timeout", "5", "aws.console-timeout", "1"));
        options.putAll(extra);
        return new ProviderSettings("demo", work, new SshIdentity(work.resolve("id_ed25519"),
                "ssh-ed25519 AAAAC3Nza test@plumbery", "plumbery"), options);
    }

    static Ec2Provider open(Ec2Replay replay, Path work) throws ProviderException {
        return Ec2Provider.open(settings(replay, work, Map.of()), ENV::get, work);
    }

    static NodeRequest node(NetworkRecord network) {
        return new NodeRequest("web1", network, 2, 4096, List.of(20), "Debian 12",
                "#cloud-config\nhostname: web1\n");
    }

    /** The network as ensureNetwork recorded it. */
    static NetworkRecord network() {
        return new NetworkRecord("vpc-0a1b2c3d4e5f60001", "web", "10.77.3.0/24", Map.of("vpcId",
                "vpc-0a1b2c3d4e5f60001", "subnetId", "subnet-0a1b2c3d4e5f60002"));
    }
}
