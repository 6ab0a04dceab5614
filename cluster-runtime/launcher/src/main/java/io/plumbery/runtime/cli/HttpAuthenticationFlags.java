package io.plumbery.runtime.cli;

import picocli.CommandLine.Option;

/**
 * Mesos's {@code --authenticate_http_readonly} and {@code --authenticate_http_readwrite}, which masters and agents share,
 * in Mesos's boolean syntax: {@code --flag}, {@code --flag=true|false}, or {@code MESOS_FLAG=true} in the environment.
 */
final class HttpAuthenticationFlags {
    @Option(names = "--authenticate_http_readonly", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:MESOS_AUTHENTICATE_HTTP_READONLY:-false}",
            description = "Ask for credentials on the read-only endpoints (state, files, metrics)")
    boolean readonly;

    @Option(names = "--authenticate_http_readwrite", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:MESOS_AUTHENTICATE_HTTP_READWRITE:-false}",
            description = "Ask for credentials on the operator API (/api/v1) and every call that changes something")
    boolean readwrite;
}
