package io.plumbery.runtime.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A client driver run to its end in a process of its own, bounded: its exit code and its stdout, line by line. */
record DriverProcess(int exitCode, List<String> lines, String output) {

    static DriverProcess run(List<String> command, Path workDir, Duration timeout) throws IOException,
            InterruptedException {
        return run(command, workDir, timeout, Map.of());
    }

    /** With these variables added to its environment (credentials, which stay off its command line). */
    static DriverProcess run(List<String> command, Path workDir, Duration timeout, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("driver.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            throw new AssertionError("Driver still running after " + timeout + ": " + command + "\n" + output);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new DriverProcess(process.exitValue(), output.lines().toList(), output);
    }

    /** The words after {@code step} on the first line that starts with it, or an error naming the whole output. */
    String[] step(String step) {
        return lines.stream().filter(l -> l.startsWith(step + " ")).findFirst()
                .map(l -> l.substring(step.length() + 1).split(" "))
                .orElseThrow(() -> new AssertionError("No " + step + " line in the driver's output:\n" + output));
    }
}
