package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;

/**
 * The agent's authentication flags as a value: {@code --credential} (its principal toward the master),
 * {@code --http_credentials} and which of its APIs ask for them ({@code --authenticate_http_readonly},
 * {@code --authenticate_http_readwrite}). All off by default, as in Mesos.
 */
public record AgentAuth(Credential credential, Credentials httpCredentials, boolean readonly, boolean readwrite) {
    public static final AgentAuth OPEN = new AgentAuth(null, null, false, false);

    public AgentAuth {
        if (httpCredentials == null && (readonly || readwrite)) {
            throw new IllegalArgumentException("--authenticate_http_* needs --http_credentials");
        }
    }
}
