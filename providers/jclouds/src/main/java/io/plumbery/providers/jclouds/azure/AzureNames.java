package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.ProviderException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * How plumbery names and tags what it makes on Azure, so that it is found again after a crash and only it is ever
 * deleted. Everything of a plan is in the plan's resource group, so names need not carry the plan; every resource is
 * tagged {@code plumbery-plan=PLAN} and {@code plumbery-resource=KIND/NAME}, and a resource of the expected name whose
 * tags say otherwise belongs to someone else and is never touched.
 *
 * <p>A name keeps letters, digits, {@code -}, {@code .} and {@code _} (what every kind here takes), every other
 * character becoming {@code -}; it starts with a letter or digit ({@code p-} in front otherwise) and does not end
 * with {@code -} or {@code .} ({@code 0} then); one longer than 64 keeps its first 55 characters and ends with {@code -}
 * and 8 hexadecimal digits of its SHA-256, so that two long names stay apart.
 */
final class AzureNames {

    static final String PLAN_TAG = "plumbery-plan";
    static final String RESOURCE_TAG = "plumbery-resource";
    static final int MAX = 64;

    private final String plan;

    AzureNames(String plan) {
        this.plan = plan;
    }

    String plan() {
        return plan;
    }

    /** The tags of resource {@code kind/name} of this plan. */
    Map<String, String> tags(String kind, String name) {
        return Map.of(PLAN_TAG, plan, RESOURCE_TAG, kind + "/" + name);
    }

    /** Whether tags, as Azure returns them, mark this resource of this plan. */
    boolean marks(Map<String, String> tags, String kind, String name) {
        return tags != null && plan.equals(tags.get(PLAN_TAG)) && (kind + "/" + name).equals(tags.get(RESOURCE_TAG));
    }

    /** A resource found by name must be this plan's: otherwise the build stops rather than use or delete it. */
    void claim(Map<String, String> tags, String kind, String name) throws ProviderException {
        if (!marks(tags, kind, name)) {
            throw new ProviderException(AzureProvider.NAME + ": " + kind + " " + name + " exists but is not plan "
                    + plan + "'s (its tags: " + (tags == null ? "none" : tags) + "); plumbery leaves it alone: "
                    + "rename or remove it, or give the facility another azure.resource-group");
        }
    }

    /** Any text as an Azure name, by the rules above. */
    static String of(String text) {
        String name = text.replaceAll("[^A-Za-z0-9._-]", "-");
        if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
            name = "p-" + name;
        }
        if (name.length() > MAX) {
            name = name.substring(0, MAX - 9) + "-" + sha256(text).substring(0, 8);
        }
        while (name.endsWith("-") || name.endsWith(".")) {
            name = name.substring(0, name.length() - 1) + "0";
        }
        return name;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
