package io.plumbery.runtime.master;

import io.plumbery.runtime.http.Credentials;

/**
 * The master's authentication flags as a value: {@code --credentials} and which of its APIs ask for them
 * ({@code --authenticate_http_readonly}, {@code --authenticate_http_readwrite}, {@code --authenticate_http_frameworks},
 * {@code --authenticate_agents}). All off by default, as in Mesos.
 */
public record MasterAuth(Credentials credentials, boolean readonly, boolean readwrite, boolean frameworks,
                         boolean agents) {
    public static final MasterAuth OPEN = new MasterAuth(null, false, false, false, false);

    public MasterAuth {
        if (credentials == null && (readonly || readwrite || frameworks || agents)) {
            // as Mesos: authentication asked for with no one to authenticate is a configuration error
            throw new IllegalArgumentException("--authenticate_* needs --credentials");
        }
    }

    /** Everything authenticated with these credentials. */
    public static MasterAuth all(Credentials credentials) {
        return new MasterAuth(credentials, true, true, true, true);
    }
}
