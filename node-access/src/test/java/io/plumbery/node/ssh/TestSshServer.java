package io.plumbery.node.ssh;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.function.Predicate;

/**
 * An Apache MINA SSHD server on 127.0.0.1 for tests: public-key auth with the plan's key only, SFTP on the
 * real file system, and exec commands really run by {@code bash -c} in {@code workDir} with
 * {@code fakeBin} first on the PATH.
 */
public final class TestSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;

    private TestSshServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    public static KeyPair newHostKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts on {@code port} (0: a free one) of 127.0.0.1. */
    public static TestSshServer start(int port, KeyPair hostKey, SshIdentity authorized, Path workDir, Path fakeBin)
            throws IOException {
        return start(port, hostKey, authorized, workDir, fakeBin, user -> true);
    }

    /** {@link #start(int, KeyPair, SshIdentity, Path, Path)} letting the key in only for the {@code users} accepted. */
    public static TestSshServer start(int port, KeyPair hostKey, SshIdentity authorized, Path workDir, Path fakeBin,
                                      Predicate<String> users) throws IOException {
        PublicKey allowed;
        try {
            allowed = AuthorizedKeyEntry.parseAuthorizedKeyEntry(authorized.publicKey())
                    .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> users.test(user) && KeyUtils.compareKeys(allowed, key));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setCommandFactory((channel, command) -> new ProcessCommand(command, workDir, fakeBin));
        server.start();
        return new TestSshServer(server, hostKey);
    }

    public int port() {
        return server.getPort();
    }

    public PublicKey hostPublicKey() {
        return hostKey.getPublic();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
