package io.plumbery.bootstrap.flow;

/**
 * Receives progress while nodes are bootstrapped. Called from worker threads: calls for one node come in
 * order, calls for different nodes may be concurrent (a printing listener synchronizes its output).
 */
@FunctionalInterface
public interface BootstrapListener {
    BootstrapListener NONE = progress -> { };

    void onProgress(Progress progress);
}
