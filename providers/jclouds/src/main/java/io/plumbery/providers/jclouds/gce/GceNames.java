package io.plumbery.providers.jclouds.gce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How plumbery names and marks what it makes on GCE, so that it is found again after a crash and only it is ever
 * deleted. jclouds 2.7.0's GCE model has no labels, so the mark is in what it has: a resource's <em>name</em>, unique
 * in its scope (project, region or zone) and therefore looked up directly, is made from the plan and the resource;
 * its <em>description</em> says {@code plumbery plan=PLAN resource=KIND/NAME}, and a resource of that name whose
 * description says otherwise belongs to someone else and is never touched.
 *
 * <p>GCE names follow RFC 1035 as labels do: 1 to 63 characters, lower-case letters, digits and {@code -}, a letter
 * first, no {@code -} last. A name is lower-cased, every other character becomes {@code -}, a name that does not
 * start with a letter gets {@code p-} in front, one longer than 63 keeps its first 54 characters and ends with
 * {@code -} and 8 hexadecimal digits of its SHA-256 (so that two long names stay apart), and a {@code -} last
 * becomes {@code 0}.
 */
final class GceNames {

    static final int MAX = 63;

    private final String plan;

    GceNames(String plan) {
        this.plan = plan;
    }

    /** What the description of resource {@code kind/name} of this plan says. */
    String description(String kind, String name) {
        return "plumbery plan=" + plan + " resource=" + kind + "/" + name;
    }

    /** Whether a description, as GCE returns it, marks this resource of this plan. */
    boolean marks(String description, String kind, String name) {
        return description(kind, name).equals(description);
    }

    /** A node's instance: the plan's name and the node's, since a project's zone holds the instances of many plans. */
    String instance(String node) {
        return of(plan + "-" + node);
    }

    /** The firewall rule of a network for one source range: {@code NETWORK-from-10-77-0-0-16}. */
    static String firewall(String network, String source) {
        return of(network + "-from-" + source);
    }

    /** The tag every instance of a network carries, which its firewall rules target. */
    static String networkTag(String network) {
        return of(network);
    }

    /** A further disk of an instance, numbered from 1. */
    static String disk(String instance, int number) {
        return of(instance + "-disk-" + number);
    }

    /** Any text as a GCE name, by the rules above. */
    static String of(String text) {
        String name = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "p-" + name;
        }
        if (name.length() > MAX) {
            name = name.substring(0, MAX - 9) + "-" + sha256(text).substring(0, 8);
        }
        while (name.endsWith("-")) {
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
