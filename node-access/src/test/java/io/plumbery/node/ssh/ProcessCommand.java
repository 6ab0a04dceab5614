package io.plumbery.node.ssh;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** Runs an exec request with {@code bash -c} in a work directory, like an sshd would (for tests). */
final class ProcessCommand implements Command {
    private final String command;
    private final Path workDir;
    private final Path fakeBin;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback callback;
    private volatile Process process;

    ProcessCommand(String command, Path workDir, Path fakeBin) {
        this.command = command;
        this.workDir = workDir;
        this.fakeBin = fakeBin;
    }

    @Override
    public void setInputStream(InputStream in) {
        // commands here read no input
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.callback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(workDir.toFile());
        if (fakeBin != null) {
            builder.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        }
        builder.environment().put("PLUMBERY_TEST_ROOT", workDir.toString());
        // each test's own temporary directory: staging files of parallel builds never meet in /tmp
        builder.environment().put("TMPDIR", workDir.toString());
        process = builder.start();
        process.getOutputStream().close();
        Thread pump = new Thread(() -> {
            int exit;
            try {
                Thread errPump = new Thread(() -> copy(process.getErrorStream(), err), "test-sshd-stderr");
                errPump.start();
                copy(process.getInputStream(), out);
                errPump.join(10_000);
                exit = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = 130;
            }
            callback.onExit(exit);
        }, "test-sshd-exec");
        pump.setDaemon(true);
        pump.start();
    }

    private static void copy(InputStream from, OutputStream to) {
        try (from) {
            from.transferTo(to);
            to.flush();
        } catch (IOException ignored) {
            // the channel closed
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }
}
