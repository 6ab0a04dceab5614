package io.plumbery.bootstrap.flow;

import java.util.List;

/**
 * Why a node's bootstrap stopped: the node, the step, a message, and when a unit is to blame its name and
 * the last lines of its journal; when a command on the node is to blame (a cloud-init module), its last lines.
 *
 * @param unit        the failing unit, or null when the step is not about one
 * @param journalTail last lines of {@code journalctl -u unit}, or of the failed command's output when there is
 *                    no unit; empty when there is neither
 */
public record NodeFailure(String node, Step step, String message, String unit, List<String> journalTail) {

    public NodeFailure {
        journalTail = List.copyOf(journalTail);
    }

    /** Multi-line text for the CLI: {@code node: step: message}, then the journal or output lines indented. */
    public String describe() {
        StringBuilder out = new StringBuilder(node).append(": ").append(step.label()).append(": ").append(message);
        if (!journalTail.isEmpty()) {
            out.append(unit != null ? "\n  last lines of journalctl -u " + unit + ":" : "\n  last lines of its output:");
            journalTail.forEach(line -> out.append("\n    ").append(line));
        }
        return out.toString();
    }
}
