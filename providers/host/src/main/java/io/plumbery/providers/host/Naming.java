package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What every name a provider gives to something on this host is made of, so that a later run (or a destroy after
 * a crash) finds exactly what is ours and nothing else: the plan's hash (short interface and chain names), its
 * slug (table, cgroup and container names) and its key (labels). All three carry a hash of the plan's name and
 * its state directory: two plans of the same name in two folders (every {@code web/fittings.yaml} is plan
 * {@code web}) never share a name on the host. Each provider's own names extend this class.
 *
 * <p>The names are recorded with the plan's records ({@link #FILE}) when its first network is, and read back
 * from there ever after. Records made before that file existed are a plan's of an earlier version, whose
 * names came from the plan's name alone: such a plan keeps them ({@link Names#legacy}), so that it is still
 * found and disposed.
 */
public class Naming {

    /** The file, in the plan's records directory, that holds its {@link Names}. */
    public static final String FILE = "naming.json";

    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SAFE = Pattern.compile("[a-z0-9_]+");
    private static final List<String> RECORDS = List.of("networks", "firewalls", "public", "nodes");

    /**
     * The recorded parts of a plan's names.
     *
     * @param plan the plan's name
     * @param hash 6 hex digits
     * @param slug lower-case letters, digits and underscores
     * @param key  what labels the plan's objects with
     */
    public record Names(String plan, String hash, String slug, String key) {

        /** The names of a plan in {@code stateDir}: its name and the directory both hashed. */
        public static Names of(String plan, Path stateDir) {
            checkPlan(plan);
            String hash = Naming.hash(plan + "\n" + stateDir.toAbsolutePath().normalize(), 6);
            String base = plan.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            return new Names(plan, hash, (base.length() > 32 ? base.substring(0, 32) : base) + "_" + hash,
                    plan + "@" + hash);
        }

        /** The names an earlier version gave, from the plan's name alone. */
        public static Names legacy(String plan) {
            checkPlan(plan);
            return new Names(plan, Naming.hash(plan, 6), Naming.slug(plan), plan);
        }
    }

    private final Names names;

    /** Names as recorded, or as {@link Names#of} makes them. */
    public Naming(Names names) {
        this.names = names;
    }

    /**
     * The names of a plan whose records are in {@code recordsDir} (see {@link #recordsDir}): those it recorded;
     * those of an earlier version when it has records but not its names; else new ones for {@code stateDir}.
     */
    public static Names resolve(Path recordsDir, String plan, Path stateDir) throws ProviderException {
        try {
            Optional<Names> recorded = RecordDir.read(recordsDir.resolve(FILE), Names.class);
            if (recorded.isPresent()) {
                return recorded.get();
            }
            for (String sub : RECORDS) {
                Path dir = recordsDir.resolve(sub);
                if (Files.isDirectory(dir)) {
                    try (var entries = Files.list(dir)) {
                        if (entries.findAny().isPresent()) {
                            return Names.legacy(plan);
                        }
                    }
                }
            }
            return Names.of(plan, stateDir);
        } catch (IOException e) {
            throw new ProviderException("reading the names of plan " + plan + " in " + recordsDir + ": "
                    + e.getMessage(), false, e);
        }
    }

    /** Where a plan's records are under a provider's state directory (the same for every version). */
    public static Path recordsDir(Path stateDir, String plan) {
        return stateDir.resolve(slug(plan));
    }

    public Names names() {
        return names;
    }

    public String plan() {
        return names.plan();
    }

    /** Lower-case letters, digits and underscores, with the plan's hash. */
    public String slug() {
        return names.slug();
    }

    public String planHash() {
        return names.hash();
    }

    /** The value that marks this plan's objects where they carry labels. */
    public String planKey() {
        return names.key();
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

    private static void checkPlan(String plan) {
        if (plan == null || plan.isBlank()) {
            throw new IllegalArgumentException("plan name is empty");
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
