package io.plumbery.runtime.agent;

/** A task that cannot start where it was sent (e.g. its user does not exist here): it fails with this message. */
final class LaunchRefused extends Exception {
    LaunchRefused(String message) {
        super(message);
    }
}
