package io.plumbery.runtime.master;

import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.http.Credentials;

/**
 * Who may do what at the master, as flags: {@code --credentials} and which of its APIs ask for them
 * ({@code --authenticate_http_readonly}, {@code --authenticate_http_readwrite}, {@code --authenticate_http_frameworks},
 * {@code --authenticate_agents}), and what each principal may do ({@code --acls}). All off by default, as in Mesos.
 */
public record MasterAuth(Credentials credentials, boolean readonly, boolean readwrite, boolean frameworks,
                         boolean agents, Authorizer acls) {
    public static final MasterAuth OPEN = new MasterAuth(null, false, false, false, false);

    /** Authentication alone: every authenticated principal may do what its realm covers. */
    public MasterAuth(Credentials credentials, boolean readonly, boolean readwrite, boolean frameworks, boolean agents) {
        this(credentials, readonly, readwrite, frameworks, agents, Authorizer.NONE);
    }

    public MasterAuth {
        if (credentials == null && (readonly || readwrite || frameworks || agents)) {
            // as Mesos: authentication asked for with no one to authenticate is a configuration error
            throw new IllegalArgumentException("--authenticate_* needs --credentials");
        }
    }

    public MasterAuth withAcls(Authorizer acls) {
        return new MasterAuth(credentials, readonly, readwrite, frameworks, agents, acls);
    }

    /** Everything authenticated with these credentials. */
    public static MasterAuth all(Credentials credentials) {
        return new MasterAuth(credentials, true, true, true, true);
    }
}
