package io.plumbery.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * One principal and its secret, as a client presents them: Mesos's credential file (JSON
 * {@code {"principal":"agent","secret":"..."}} or its text form {@code principal secret}) or Marathon's
 * {@code user:password}. The secret never shows in {@link #toString()}.
 */
public record Credential(String principal, String secret) {
    public Credential {
        if (principal == null || principal.isEmpty() || secret == null) {
            throw new IllegalArgumentException("A credential needs a principal and a secret");
        }
    }

    /** A Mesos credential file, JSON or text. */
    public static Credential read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            return fromJson(Json.parse(text), file);
        }
        return fromLine(text, file);
    }

    /** Marathon's {@code user:password} (the password may hold colons). */
    public static Credential ofUserPassword(String userPassword) {
        int colon = userPassword.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Credentials must be user:password");
        }
        return new Credential(userPassword.substring(0, colon), userPassword.substring(colon + 1));
    }

    /** A secret file (Marathon's {@code --mesos_authentication_secret_file}): the secret alone, trailing newline cut. */
    public static String readSecret(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    static Credential fromJson(JsonNode node, Object source) {
        if (!node.path("principal").isTextual() || !node.path("secret").isTextual()) {
            throw new IllegalArgumentException("A credential in " + source + " lacks a principal or a secret");
        }
        return new Credential(node.get("principal").asText(), node.get("secret").asText());
    }

    static Credential fromLine(String line, Object source) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("A credential in " + source + " is not 'principal secret'");
        }
        return new Credential(parts[0], parts[1]);
    }

    /** The value of an {@code Authorization} header carrying this credential. */
    public String basicAuthorization() {
        String pair = principal + ":" + secret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credential[principal=" + principal + "]";
    }
}
