package io.plumbery.providers.jclouds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jclouds.ContextBuilder;
import org.jclouds.compute.ComputeServiceContext;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * Whether a cloud reached through jclouds' portable API can enforce a plan's firewalls: only with security groups
 * (jclouds' {@code SecurityGroupExtension}) that its nodes join. Asked at {@code plan}, so that a plan on a cloud
 * that would leave its nodes open is refused before anything is made rather than built with a firewall that exists
 * only in the state.
 */
final class FirewallSupport {
    private static final ConcurrentMap<String, Boolean> SECURITY_GROUPS = new ConcurrentHashMap<>();

    private FirewallSupport() {
    }

    static Optional<String> refused(Map<String, String> settings) {
        String id = settings.get(JcloudsOptions.PROVIDER);
        if (id == null || id.isBlank() || "stub".equals(id)) {
            // no id: refused when the provider is opened, with the list of ids; the stub is in memory, nothing gets in
            return Optional.empty();
        }
        if ("false".equalsIgnoreCase(settings.get(JcloudsOptions.ATTACH_SECURITY_GROUPS))) {
            return Optional.of(JcloudsOptions.ATTACH_SECURITY_GROUPS + " is false: its nodes would join no security "
                    + "group, so nothing would keep out what the plan does not let in");
        }
        if (!securityGroups(id)) {
            return Optional.of("jclouds has no security groups for '" + id + "' (no SecurityGroupExtension), so nothing "
                    + "would keep out what the plan does not let in; use a cloud that has them (aws-ec2, "
                    + "google-compute-engine, openstack-nova, azurecompute-arm...)");
        }
        return Optional.empty();
    }

    /**
     * Builds the cloud's compute view with placeholder credentials, which makes no call to the cloud, and asks it. A
     * cloud whose view cannot be built so (an unknown id, a credential jclouds parses at once) is not refused here:
     * opening the provider says what is wrong, and {@link JcloudsProvider#ensureFirewall} refuses a cloud without
     * security groups then.
     */
    static boolean securityGroups(String id) {
        return SECURITY_GROUPS.computeIfAbsent(id, key -> {
            try (ComputeServiceContext context = ContextBuilder.newBuilder(key).credentials("plan", "plan")
                    .modules(List.of(new SLF4JLoggingModule())).buildView(ComputeServiceContext.class)) {
                return context.getComputeService().getSecurityGroupExtension().isPresent();
            } catch (RuntimeException e) {
                return true;
            }
        });
    }
}
