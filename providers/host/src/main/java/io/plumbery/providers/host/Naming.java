package io.plumbery.providers.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every name a provider gives to something on this host is made of, derived from the plan's name
 * alone, so that a later run (or a destroy after a crash) finds exactly what is ours and nothing else: the
 * plan's slug (its directory, table and container names) and the hash of the plan (short interface and
 * chain names). Each provider's own names extend this class.
 */
public class Naming {

    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SAFE = Pattern.compile("[a-z0-9_]+");

    private final String plan;
    private final String planHash;
    private final String slug;

    public Naming(String plan) {
        if (plan == null || plan.isBlank()) {
            throw new IllegalArgumentException("plan name is empty");
        }
        this.plan = plan;
        this.planHash = hash(plan, 6);
        this.slug = slug(plan);
    }

    public String plan() {
        return plan;
    }

    /** Lower-case letters, digits and underscores; a hash is appended when the plan name had to be changed. */
    public String slug() {
        return slug;
    }

    public String planHash() {
        return planHash;
    }

    /** A file name for any string: its safe part for people, a hash for uniqueness. */
    public static String fileKey(String name) {
        String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        return safe + "-" + hash(name, 4);
    }

    /** Node names become host names and directory names: RFC 1123 labels only. */
    public static void checkNodeName(String node) {
        if (node == null || !HOSTNAME.matcher(node).matches()) {
            throw new IllegalArgumentException("node name '" + node
                    + "' is not a valid host name (lower-case letters, digits and '-', at most 63 characters)");
        }
    }

    static String slug(String plan) {
        String lower = plan.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        boolean changed = !lower.equals(plan) || !SAFE.matcher(lower).matches();
        if (lower.length() > 32) {
            lower = lower.substring(0, 32);
            changed = true;
        }
        return changed ? lower + "_" + hash(plan, 6) : lower;
    }

    /** The first {@code hexChars} hex digits of the value's SHA-256: short, stable names. */
    public static String hash(String value, int hexChars) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
