package io.plumbery.runtime.dns;

import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;

/**
 * The DNS server's credentials: {@code --mesos_credential} (the principal it reads the master's state as, Mesos-DNS's
 * {@code mesosCredentials} with {@code mesosAuthentication: basic}) and {@code --http_credentials} (asked of callers of
 * its HTTP API, realm {@value #REALM}, all but {@code /v1/version} which health checks ask). Null: none.
 */
public record DnsAuth(Credential mesos, Credentials http) {
    public static final String REALM = "mesos-dns";
    public static final DnsAuth OPEN = new DnsAuth(null, null);
}
