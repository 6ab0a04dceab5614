package io.plumbery.runtime.marathon;

import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Marathon's authentication flags as a value: {@code --http_credentials user:password} and {@code --http_realm} for its
 * API; {@code --mesos_authentication_principal} (in its FrameworkInfo) and, with {@code --mesos_authentication}, the
 * credential it sends to the master. Open by default, as in Marathon.
 */
public record MarathonAuth(Credentials http, String realm, String principal, Credential mesos) {
    public static final String DEFAULT_REALM = "Mesosphere";
    public static final MarathonAuth OPEN = new MarathonAuth(null, DEFAULT_REALM, null, null);

    /** From Marathon's flags; {@code --mesos_authentication} needs the principal and the secret file. */
    public static MarathonAuth of(String httpCredentials, String realm, boolean mesosAuthentication, String principal,
                                  Path secretFile) throws IOException {
        Credentials http = httpCredentials == null || httpCredentials.isEmpty() ? null
                : Credentials.of(Credential.ofUserPassword(httpCredentials));
        Credential mesos = null;
        if (mesosAuthentication) {
            if (principal == null || secretFile == null) {
                throw new IllegalArgumentException("--mesos_authentication needs --mesos_authentication_principal and"
                        + " --mesos_authentication_secret_file");
            }
            mesos = new Credential(principal, Credential.readSecret(secretFile));
        }
        return new MarathonAuth(http, realm, principal, mesos);
    }
}
