<#-- the service's TLS, read from its environment as Mesos's libprocess reads it; absent: plain HTTP -->
<#if tls??>
# HTTPS for this service and for its calls to the others, trusting only the plan's authority; the key is in the
# secrets directory. The node's certificate (SHA-256 [=tls.fingerprint]) is named here so that a new one restarts it.
LIBPROCESS_SSL_ENABLED=true
LIBPROCESS_SSL_CERT_FILE=[=tls.certificateFile]
LIBPROCESS_SSL_KEY_FILE=[=tls.keyFile]
LIBPROCESS_SSL_CA_FILE=[=tls.authorityFile]
</#if>
