package io.plumbery.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.node.files.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The plan's named secrets ({@code {{ db.secret }}}) and its cluster's credentials: made once at random, kept
 * next to the state (mode 0600, in the plan's 0700 directory) so every later run renders the same value. Never in
 * the state, never printed except where the user asks ({@code information --credentials}).
 */
public final class Secrets {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> values;

    private Secrets(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    public static Secrets in(Path dir) {
        Path file = dir.resolve("secrets.json");
        try {
            Map<String, String> values = Files.exists(file)
                    ? JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() { })
                    : new TreeMap<>();
            return new Secrets(file, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The cluster's credentials under names that no placeholder can spell ({@code /} is not in a placeholder's
     * name), so a plan's own secrets never collide with them.
     */
    private static final String CLUSTER = "cluster/";

    /** The cluster's credentials, made at the first call and the same ever after. */
    public synchronized ClusterCredentials cluster() {
        return new ClusterCredentials(get(CLUSTER + ClusterCredentials.ADMIN), get(CLUSTER + ClusterCredentials.MARATHON),
                get(CLUSTER + ClusterCredentials.CHRONOS), get(CLUSTER + ClusterCredentials.AGENT), get(CLUSTER + ClusterCredentials.DNS),
                get(CLUSTER + ClusterCredentials.ZOOKEEPER));
    }

    /** The cluster's credentials if a deploy made them; never makes them. */
    public synchronized Optional<ClusterCredentials> existingCluster() {
        boolean made = values.containsKey(CLUSTER + ClusterCredentials.ADMIN);
        return made ? Optional.of(cluster()) : Optional.empty();
    }

    /** Where they are kept: what a person or a script reads when not asking {@code information --credentials}. */
    public Path file() {
        return file;
    }

    public synchronized String get(String name) {
        String value = values.get(name);
        if (value == null) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 24; i++) {
                b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            value = b.toString();
            values.put(name, value);
            save();
        }
        return value;
    }

    private void save() {
        try {
            PrivateFiles.directories(file.getParent());
            Path temp = file.resolveSibling("secrets.json.tmp");
            PrivateFiles.writeNew(temp, JSON.writeValueAsBytes(values));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
