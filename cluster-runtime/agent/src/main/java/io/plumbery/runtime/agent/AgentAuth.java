package io.plumbery.runtime.agent;

import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;

/**
 * The agent's authentication flags as a value: {@code --credential} (its principal toward the master),
 * {@code --http_credentials} and which of its APIs ask for them ({@code --authenticate_http_readonly},
 * {@code --authenticate_http_readwrite}), and its own {@code --acls} (what each principal may view and access). All off
 * by default, as in Mesos.
 */
public record AgentAuth(Credential credential, Credentials httpCredentials, boolean readonly, boolean readwrite,
                        Authorizer acls) {
    public static final AgentAuth OPEN = new AgentAuth(null, null, false, false);

    /** Without {@code --acls}: everything authorized. */
    public AgentAuth(Credential credential, Credentials httpCredentials, boolean readonly, boolean readwrite) {
        this(credential, httpCredentials, readonly, readwrite, Authorizer.NONE);
    }

    public AgentAuth withAcls(Authorizer acls) {
        return new AgentAuth(credential, httpCredentials, readonly, readwrite, acls);
    }

    public AgentAuth {
        if (httpCredentials == null && (readonly || readwrite)) {
            throw new IllegalArgumentException("--authenticate_http_* needs --http_credentials");
        }
    }
}
