package io.plumbery.runtime.chronos;

import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Chronos's authentication flags as a value: {@code --http_credentials user:password} and {@code --http_realm} for its
 * whole API (Chronos asks for them on every endpoint); {@code --mesos_authentication_principal} (in its FrameworkInfo)
 * and, with {@code --mesos_authentication_secret_file}, the credential it sends to the master. Open by default, as in
 * Chronos.
 */
public record ChronosAuth(Credentials http, String realm, String principal, Credential mesos) {
    /** Chronos's (Chaos's) default realm, the same as Marathon's. */
    public static final String DEFAULT_REALM = "Mesosphere";
    public static final ChronosAuth OPEN = new ChronosAuth(null, DEFAULT_REALM, null, null);

    /** From Chronos's flags: it authenticates to the master when it has both the principal and the secret file. */
    public static ChronosAuth of(String httpCredentials, String realm, String principal, Path secretFile)
            throws IOException {
        Credentials http = httpCredentials == null || httpCredentials.isEmpty() ? null
                : Credentials.of(Credential.ofUserPassword(httpCredentials));
        if (secretFile != null && principal == null) {
            throw new IllegalArgumentException("--mesos_authentication_secret_file needs --mesos_authentication_principal");
        }
        Credential mesos = secretFile == null ? null : new Credential(principal, Credential.readSecret(secretFile));
        return new ChronosAuth(http, realm, principal, mesos);
    }

    /** Every path of the API is in the one realm. */
    BasicAuth.Realms realms() {
        return (method, path) -> realm;
    }
}
