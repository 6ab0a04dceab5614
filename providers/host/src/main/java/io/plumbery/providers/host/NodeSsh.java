package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.SshIdentity;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** SSH to a node with the plan's key (SSHJ), the server's key checked against the keys on the node's disk. */
public final class NodeSsh {

    public record Result(int exit, String out, String err) {
    }

    private NodeSsh() {
    }

    /** Runs one command; host keys are accepted only if they are among {@code knownKeys} (OpenSSH lines). */
    public static Result run(String host, SshIdentity identity, Supplier<List<String>> knownKeys, String command,
                      Duration timeout) throws IOException {
        try (SSHClient ssh = new SSHClient(new DefaultConfig())) {
            ssh.addHostKeyVerifier(new DiskKeys(knownKeys));
            ssh.setConnectTimeout(5_000);
            ssh.setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis() + 5_000));
            ssh.connect(host, 22);
            ssh.authPublickey(identity.user(), ssh.loadKeys(identity.privateKey().toString()));
            try (Session session = ssh.startSession()) {
                Session.Command cmd = session.exec(command);
                String out = IOUtils.readFully(cmd.getInputStream()).toString(StandardCharsets.UTF_8);
                String err = IOUtils.readFully(cmd.getErrorStream()).toString(StandardCharsets.UTF_8);
                cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Integer exit = cmd.getExitStatus();
                return new Result(exit == null ? -1 : exit, out, err);
            }
        }
    }

    /**
     * Waits until sshd accepts the plan's key, then runs {@code check} (e.g. {@code cloud-init status --wait}).
     * Fails with the node's name, what was last seen and the last lines of its console.
     */
    public static void awaitReady(String node, String host, SshIdentity identity, Supplier<List<String>> knownKeys,
                           Duration timeout, Supplier<String> consoleTail, String check) throws ProviderException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        int attempts = 0;
        // the plan's user first; root (which the provider also authorises) when the plan's own user-data
        // does not let the plan's key in as that user
        List<SshIdentity> logins = identity.user().equals("root") ? List.of(identity)
                : List.of(identity, new SshIdentity(identity.privateKey(), identity.publicKey(), "root"));
        int login = 0;
        while (System.nanoTime() < deadline && attempts < 10_000) {
            attempts++;
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            SshIdentity as = logins.get(login);
            try {
                Result status = run(host, as, knownKeys, check, Duration.ofMillis(left));
                if (status.exit() == 0 || status.exit() == 2) {
                    return;
                }
                throw new ProviderException("'" + check + "' failed on node " + node + " (exit " + status.exit() + "):\n"
                        + Exec.tail(status.out() + status.err(), 12) + "\nlast console lines:\n" + consoleTail.get(),
                        false, null);
            } catch (UserAuthException e) {
                last = "the plan's key is not accepted for " + as.user();
                login = (login + 1) % logins.size();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("interrupted while waiting for node " + node, true, e);
            }
        }
        throw new ProviderException("node " + node + " (" + host + ") did not answer over SSH with cloud-init "
                + "finished within " + timeout.toSeconds() + " s; last: " + last + "\nlast console lines:\n"
                + consoleTail.get(), true, null);
    }

    static boolean sameKey(PublicKey key, String opensshLine) {
        String[] parts = opensshLine.trim().split("\\s+");
        if (parts.length < 2) {
            return false;
        }
        try {
            byte[] expected = Base64.getDecoder().decode(parts[1]);
            byte[] actual = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            return Arrays.equals(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record DiskKeys(Supplier<List<String>> known) implements HostKeyVerifier {
        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            return known.get().stream().anyMatch(line -> sameKey(key, line));
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            return List.of();
        }
    }
}
