package io.plumbery.providers.jclouds.azure;

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
 * A service principal, found the way Azure's own tools find one: the environment variables {@code AZURE_CLIENT_ID},
 * {@code AZURE_CLIENT_SECRET}, {@code AZURE_TENANT_ID} and {@code AZURE_SUBSCRIPTION_ID} (as Azure's SDKs'
 * {@code EnvironmentCredential} reads them), else the file {@code AZURE_AUTH_LOCATION} names, which is what
 * {@code az ad sp create-for-rbac --sdk-auth} writes ({@code clientId}, {@code clientSecret}, {@code tenantId},
 * {@code subscriptionId}). Never from the plan: a plan is shared and committed, secrets are not. Never printed.
 */
record AzureCredentials(String clientId, String clientSecret, String tenantId, String subscriptionId, String source) {

    static final List<String> ENVIRONMENT = List.of("AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID",
            "AZURE_SUBSCRIPTION_ID");
    static final String AUTH_FILE = "AZURE_AUTH_LOCATION";

    private static final ObjectMapper JSON = new ObjectMapper();

    static AzureCredentials find(Function<String, String> env) throws ProviderException {
        List<String> missing = ENVIRONMENT.stream().filter(name -> value(env, name).isEmpty()).toList();
        if (missing.isEmpty()) {
            return new AzureCredentials(value(env, "AZURE_CLIENT_ID").get(), value(env, "AZURE_CLIENT_SECRET").get(),
                    value(env, "AZURE_TENANT_ID").get(), value(env, "AZURE_SUBSCRIPTION_ID").get(), "the environment");
        }
        Optional<String> file = value(env, AUTH_FILE);
        if (file.isEmpty()) {
            throw new ProviderException("azure: no service principal: set " + String.join(", ", missing)
                    + " (az ad sp create-for-rbac), or " + AUTH_FILE + " to its --sdk-auth file; the plan never "
                    + "holds them");
        }
        return fromFile(Path.of(file.get()));
    }

    private static AzureCredentials fromFile(Path file) throws ProviderException {
        JsonNode auth;
        try {
            auth = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            // not e's message: a parser quotes what it read, and this file holds a secret
            throw new ProviderException("azure: " + AUTH_FILE + " names " + file + ", which is not a readable JSON "
                    + "file", false, null);
        }
        List<String> fields = List.of("clientId", "clientSecret", "tenantId", "subscriptionId");
        List<String> missing = fields.stream().filter(f -> text(auth, f).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new ProviderException("azure: " + file + " has no " + String.join(", ", missing)
                    + " (az ad sp create-for-rbac --sdk-auth writes them)");
        }
        return new AzureCredentials(text(auth, "clientId").get(), text(auth, "clientSecret").get(),
                text(auth, "tenantId").get(), text(auth, "subscriptionId").get(), file.toString());
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(v -> !v.isBlank());
    }

    @Override
    public String toString() { // never the secret
        return "AzureCredentials[" + clientId + " from " + source + ", subscription " + subscriptionId + "]";
    }
}
