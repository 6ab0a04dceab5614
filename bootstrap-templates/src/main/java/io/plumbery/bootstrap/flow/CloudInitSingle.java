package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.cloudconfig.CloudInitModule;
import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.Shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One module of a cloud-config applied on the node: {@code cloud-init --file DOCUMENT single --name MODULE
 * --frequency always} (the document's settings win over the instance's user-data, as an extra configuration
 * file does), and what its run says. Failure is its exit status, or cloud-init's log saying the module failed
 * where the exit status does not; the module's own message comes from the part of {@code cloud-init.log} that
 * this run wrote (the exception and the failed command's exit code), the output's last lines from its output.
 *
 * @param keys     the document's keys that this module reads, for messages
 * @param document where the document is on the node
 * @param log      cloud-init's log on the node ({@code /var/log/cloud-init.log})
 */
record CloudInitSingle(CloudInitModule module, List<String> keys, String document, String log) {

    static final String LOG_MARK = "--- cloud-init.log";
    private static final Pattern WELCOME = Pattern.compile("^Cloud-init v\\. .* running 'single' .*");
    private static final Pattern EXCEPTION = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.]*(Error|Exception)[A-Za-z]*: .*");
    private static final Pattern FAILED_COMMAND = Pattern.compile("^(Command|Exit code|Stderr): .*");

    /** A shell script (for {@code sh -c}, as root) that runs the module and exits with its real status. */
    String script() {
        String id = module.id();
        return "log=" + Shell.quote(log) + "; s=$(stat -c %s \"$log\" 2>/dev/null || echo 0); "
                + "cloud-init --file " + Shell.quote(document) + " single --name " + id + " --frequency always 2>&1; rc=$?; "
                + "new=$(tail -c +$((s + 1)) \"$log\" 2>/dev/null); "
                + "if [ $rc -eq 0 ] && printf '%s\\n' \"$new\" | grep -q -e 'Ran " + id + " but it failed' "
                + "-e 'Running module " + id + " (.*) failed'; then rc=1; fi; "
                + "if [ $rc -ne 0 ]; then echo '" + LOG_MARK + "'; printf '%s\\n' \"$new\" | grep -E "
                + Shell.quote(EXCEPTION.pattern() + "|" + FAILED_COMMAND.pattern()) + "; fi; exit $rc";
    }

    /** Why the run failed, with the last {@code lines} lines of its output; empty when it succeeded. */
    Optional<Failure> failure(CommandResult result, int lines) {
        if (result.ok()) {
            return Optional.empty();
        }
        List<String> output = new ArrayList<>();
        List<String> logged = new ArrayList<>();
        List<String> into = output;
        for (String line : (result.stdout() + "\n" + result.stderr()).split("\n")) {
            String l = line.stripTrailing();
            if (l.equals(LOG_MARK)) {
                into = logged;
            } else if (!l.isEmpty() && !WELCOME.matcher(l).matches() && !l.equals("Stderr: -")
                    && (into == output || !logged.contains(l))) {
                into.add(l); // the log repeats the failed command in its traceback: once is enough
            }
        }
        logged.sort(java.util.Comparator.comparing(l -> !EXCEPTION.matcher(l).matches())); // the exception first
        String why = !logged.isEmpty() ? String.join(" | ", logged)
                : output.isEmpty() ? "no output" : output.get(output.size() - 1);
        String message = "cloud-init module " + module.id() + " (" + String.join(", ", keys) + ") failed (exit "
                + result.exitCode() + "): " + why;
        return Optional.of(new Failure(message, output.subList(Math.max(0, output.size() - lines), output.size())));
    }

    /** The module's message and the last lines of what it printed. */
    record Failure(String message, List<String> tail) {
    }
}
