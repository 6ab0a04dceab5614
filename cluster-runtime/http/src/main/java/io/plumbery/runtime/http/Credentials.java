package io.plumbery.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The principals a server accepts: Mesos's credentials file (JSON {@code {"credentials":[{"principal":...,
 * "secret":...}]}} or its text form, one {@code principal secret} a line), or Marathon's single {@code user:password}.
 */
public final class Credentials {
    private final List<Credential> accepted;

    private Credentials(List<Credential> accepted) {
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("No credentials given");
        }
        this.accepted = List.copyOf(accepted);
    }

    public static Credentials of(Credential... credentials) {
        return new Credentials(List.of(credentials));
    }

    /** A Mesos credentials file, JSON or text. */
    public static Credentials read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        List<Credential> found = new ArrayList<>();
        if (text.startsWith("{")) {
            JsonNode list = Json.parse(text).path("credentials");
            if (!list.isArray()) {
                throw new IllegalArgumentException(file + " has no \"credentials\" list");
            }
            list.forEach(c -> found.add(Credential.fromJson(c, file)));
        } else {
            text.lines().filter(l -> !l.isBlank()).forEach(l -> found.add(Credential.fromLine(l, file)));
        }
        return new Credentials(found);
    }

    /**
     * The principal of a Basic {@code Authorization} header whose secret matches, if any. Every credential is
     * compared, and by digests of equal length, so that the time taken says nothing of which part was wrong.
     */
    public Optional<String> authenticate(String authorization) {
        Optional<Credential> presented = decode(authorization);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] principal = digest(presented.get().principal());
        byte[] secret = digest(presented.get().secret());
        String match = null;
        for (Credential c : accepted) {
            boolean same = MessageDigest.isEqual(principal, digest(c.principal()))
                    & MessageDigest.isEqual(secret, digest(c.secret()));
            if (same) {
                match = c.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    private static Optional<Credential> decode(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            return Optional.of(Credential.ofUserPassword(pair));
        } catch (IllegalArgumentException notBasic) {
            return Optional.empty();
        }
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Credentials" + accepted.stream().map(Credential::principal).toList();
    }
}
