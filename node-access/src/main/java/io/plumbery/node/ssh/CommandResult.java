package io.plumbery.node.ssh;

import java.util.Arrays;
import java.util.List;

/** What a remote command did: its exit code and what it wrote. */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The last {@code n} non-empty lines of stdout then stderr, for error messages. */
    public List<String> tail(int n) {
        List<String> lines = Arrays.stream((stdout + "\n" + stderr).split("\n"))
                .map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }
}
