package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service account's key, found where Google's own tools look, in their order: the file
 * {@code GOOGLE_APPLICATION_CREDENTIALS} names, else gcloud's application-default credentials
 * ({@code $CLOUDSDK_CONFIG/application_default_credentials.json}, by default under {@code ~/.config/gcloud}). The
 * project is {@code GOOGLE_CLOUD_PROJECT} or {@code CLOUDSDK_CORE_PROJECT}, else the key file's {@code project_id}.
 * Never from the plan: a plan is shared and committed, keys are not. Never printed.
 *
 * <p>Only keys of {@code "type": "service_account"}: jclouds signs a JWT with the account's private key and trades
 * it for a token. A {@code gcloud auth application-default login} file is of type {@code authorized_user} (a refresh
 * token), which jclouds 2.7.0's OAuth client cannot use: it is refused with what to do instead.
 */
record GoogleCredentials(String clientEmail, String privateKey, String project, String source) {

    static final List<String> ENVIRONMENT = List.of("GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_CONFIG",
            "GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT");

    private static final ObjectMapper JSON = new ObjectMapper();

    static GoogleCredentials find(Function<String, String> env, Path home) throws ProviderException {
        Optional<String> named = value(env, "GOOGLE_APPLICATION_CREDENTIALS");
        Path file = named.map(Path::of).orElseGet(() -> value(env, "CLOUDSDK_CONFIG").map(Path::of)
                .orElse(home.resolve(".config").resolve("gcloud")).resolve("application_default_credentials.json"));
        if (!Files.isReadable(file)) {
            throw new ProviderException("google-compute-engine: no Google credentials: " + (named.isPresent()
                    ? "GOOGLE_APPLICATION_CREDENTIALS names " + file + ", which cannot be read"
                    : "set GOOGLE_APPLICATION_CREDENTIALS to a service account's JSON key, or put one at " + file)
                    + "; the plan never holds them");
        }
        JsonNode key;
        try {
            key = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            // not e's message: a parser quotes what it read, and this file holds a private key
            throw new ProviderException("google-compute-engine: " + file + " is not a JSON key file", false, null);
        }
        String type = text(key, "type").orElse("");
        if (type.equals("authorized_user")) {
            throw new ProviderException("google-compute-engine: " + file + " holds a user's refresh token (type "
                    + "authorized_user, from gcloud auth application-default login), which jclouds cannot use: give a "
                    + "service account's JSON key in GOOGLE_APPLICATION_CREDENTIALS (gcloud iam service-accounts keys "
                    + "create)");
        }
        Optional<String> email = text(key, "client_email");
        Optional<String> privateKey = text(key, "private_key");
        if (!type.equals("service_account") || email.isEmpty() || privateKey.isEmpty()) {
            throw new ProviderException("google-compute-engine: " + file + " is not a service account key (type "
                    + "service_account with client_email and private_key)");
        }
        String project = value(env, "GOOGLE_CLOUD_PROJECT").or(() -> value(env, "CLOUDSDK_CORE_PROJECT"))
                .or(() -> text(key, "project_id")).orElseThrow(() -> new ProviderException("google-compute-engine: "
                        + "no project: " + file + " has no project_id; set GOOGLE_CLOUD_PROJECT"));
        return new GoogleCredentials(email.get(), privateKey.get(), project, file.toString());
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(v -> !v.isBlank());
    }

    @Override
    public String toString() { // never the key
        return "GoogleCredentials[" + clientEmail + " from " + source + ", project " + project + "]";
    }
}
