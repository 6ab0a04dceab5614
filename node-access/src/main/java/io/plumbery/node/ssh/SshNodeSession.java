package io.plumbery.node.ssh;

import net.schmizz.concurrent.Event;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.common.StreamCopier;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.xfer.InMemorySourceFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** {@link NodeSession} over an SSHJ client; one SFTP channel opened on first use. */
final class SshNodeSession implements NodeSession {
    private static final Duration SHORT = Duration.ofSeconds(30);

    private final SSHClient client;
    private final String address;
    private SFTPClient sftp;

    SshNodeSession(SSHClient client, String address) {
        this.client = client;
        this.address = address;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Event<IOException> outDone = new StreamCopier(cmd.getInputStream(), out, LoggerFactory.DEFAULT)
                    .spawnDaemon("ssh-stdout " + address);
            Event<IOException> errDone = new StreamCopier(cmd.getErrorStream(), err, LoggerFactory.DEFAULT)
                    .spawnDaemon("ssh-stderr " + address);
            try {
                cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (cmd.getExitStatus() == null && cmd.isOpen()) {
                    // join timed out: reported below
                } else {
                    throw e;
                }
            }
            Integer exit = cmd.getExitStatus();
            if (exit == null && !cmd.isOpen()) {
                exit = 255; // closed without an exit status (killed by a signal): what ssh(1) reports
            }
            if (exit == null) {
                cmd.close();
                throw new SshException("command on " + address + " did not finish within " + timeout.toSeconds()
                        + " s: " + command, null);
            }
            outDone.await(SHORT.toMillis(), TimeUnit.MILLISECONDS);
            errDone.await(SHORT.toMillis(), TimeUnit.MILLISECONDS);
            return new CommandResult(command, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SshException("command on " + address + " failed: " + command + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void upload(byte[] content, String remotePath) {
        upload(ContentSource.of(content), remotePath);
    }

    private void upload(ContentSource content, String remotePath) {
        try {
            sftp().put(new InMemorySourceFile() {
                @Override
                public String getName() {
                    return remotePath.substring(remotePath.lastIndexOf('/') + 1);
                }

                @Override
                public long getLength() {
                    try {
                        return content.length();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    return content.open();
                }
            }, remotePath);
        } catch (IOException e) {
            throw new SshException("upload of " + content + " to " + address + ":" + remotePath + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(String remotePath) {
        try (RemoteFile file = sftp().open(remotePath);
             InputStream in = file.new RemoteFileInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SshException("cannot read " + address + ":" + remotePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> sha256(List<String> remotePaths, boolean privileged) {
        Map<String, String> sums = new HashMap<>();
        if (remotePaths.isEmpty()) {
            return sums;
        }
        String paths = remotePaths.stream().map(Shell::quote).collect(Collectors.joining(" "));
        CommandResult result = run(sudo(privileged) + "sha256sum -- " + paths + " 2>/dev/null; true", SHORT);
        for (String line : result.stdout().split("\n")) {
            int space = line.indexOf(' ');
            if (space == 64 && line.length() > 66) {
                sums.put(line.substring(66), line.substring(0, 64));
            }
        }
        return sums;
    }

    @Override
    public List<Boolean> putIfChanged(List<Upload> uploads, boolean privileged) {
        Map<String, String> remote = sha256(uploads.stream().map(Upload::remotePath).toList(), privileged);
        List<Boolean> written = new ArrayList<>();
        List<Upload> changed = new ArrayList<>();
        for (Upload upload : uploads) {
            boolean differs = !upload.content().sha256().equals(remote.get(upload.remotePath()));
            written.add(differs);
            if (differs) {
                changed.add(upload);
            }
        }
        if (changed.isEmpty()) {
            return written;
        }
        CommandResult staging = run("mktemp -d \"${TMPDIR:-/tmp}/plumbery-upload.XXXXXXXX\"", SHORT);
        if (!staging.ok() || staging.stdout().isBlank()) {
            throw new SshException("cannot create a staging directory on " + address + ": " + String.join(" | ", staging.tail(3)), null);
        }
        String dir = staging.stdout().strip();
        try {
            List<String> installs = new ArrayList<>();
            for (int i = 0; i < changed.size(); i++) {
                Upload upload = changed.get(i);
                String staged = dir + "/" + i;
                upload(upload.content(), staged);
                installs.add("install -D " + upload.installOptions() + " " + Shell.quote(staged) + " " + Shell.quote(upload.remotePath()));
            }
            CommandResult install = run(sudo(privileged) + "sh -c " + Shell.quote(String.join(" && ", installs)), SHORT);
            if (!install.ok()) {
                throw new SshException("cannot install " + changed.stream().map(Upload::remotePath).toList() + " on " + address
                        + " (exit " + install.exitCode() + "): " + String.join(" | ", install.tail(3)), null);
            }
        } finally {
            run("rm -rf " + Shell.quote(dir), SHORT);
        }
        return written;
    }

    private static String sudo(boolean privileged) {
        return privileged ? "sudo -n " : "";
    }

    private synchronized SFTPClient sftp() throws IOException {
        if (sftp == null) {
            sftp = client.newSFTPClient();
        }
        return sftp;
    }

    @Override
    public void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            try {
                client.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
