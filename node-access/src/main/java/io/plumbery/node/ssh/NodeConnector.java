package io.plumbery.node.ssh;


/** Opens a {@link NodeSession} to a node, retrying while it boots; {@link SshConnector} is the real one. */
@FunctionalInterface
public interface NodeConnector {
    NodeSession connect(SshEndpoint endpoint, SshConnector.AttemptListener listener);
}
