package io.plumbery.providers.vagrant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vagrant's {@code --machine-readable} output: one {@code timestamp,target,type,data...} line per event,
 * commas inside data written {@code %!(VAGRANT_COMMA)} and line breaks {@code \n}.
 */
final class MachineReadable {

    record Line(String target, String type, List<String> data) {
        String first() {
            return data.isEmpty() ? "" : data.get(0);
        }
    }

    /** How Vagrant's parallel runs name the machine a part of their combined error is about. */
    private static final String MACHINE_SECTION = "An error occurred while executing the action on the '";

    private final List<Line> lines;

    private MachineReadable(List<Line> lines) {
        this.lines = lines;
    }

    static MachineReadable parse(String output) {
        List<Line> lines = new ArrayList<>();
        for (String raw : output.split("\n")) {
            String[] fields = raw.split(",", -1);
            if (fields.length < 3 || !fields[0].matches("\\d+")) {
                continue; // not a machine-readable line (e.g. a warning printed by Ruby)
            }
            List<String> data = new ArrayList<>();
            for (int i = 3; i < fields.length; i++) {
                data.add(unescape(fields[i]));
            }
            lines.add(new Line(fields[1], fields[2], data));
        }
        return new MachineReadable(lines);
    }

    static String unescape(String field) {
        return field.replace("%!(VAGRANT_COMMA)", ",").replace("\\n", "\n").replace("\\r", "");
    }

    List<Line> lines() {
        return lines;
    }

    /** {@code vagrant status}: each machine's state ({@code running}, {@code stopped}, {@code not_created}...). */
    Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (Line line : lines) {
            if (line.type().equals("state") && !line.target().isEmpty()) {
                states.put(line.target(), line.first());
            }
        }
        return states;
    }

    /**
     * Why the command failed for {@code machine}, if it did. A parallel run that failed for some machines
     * reports one combined error with a section per machine: only this machine's section counts. Any other
     * error (a broken Vagrantfile, a missing provider) concerns every machine.
     */
    Optional<String> errorFor(String machine) {
        for (Line line : lines) {
            if (!line.type().equals("error-exit")) {
                continue;
            }
            String kind = line.first();
            String message = line.data().size() > 1 ? line.data().get(1) : kind;
            if (!kind.endsWith("BatchMultiError")) {
                return Optional.of(message.strip());
            }
            return section(message, machine);
        }
        return Optional.empty();
    }

    /** The last {@code max} lines Vagrant printed about {@code machine}. */
    List<String> uiFor(String machine, int max) {
        List<String> shown = new ArrayList<>();
        for (Line line : lines) {
            if (line.type().equals("ui") && line.target().equals(machine) && line.data().size() > 1) {
                shown.addAll(List.of(line.data().get(1).strip().split("\n")));
            }
        }
        return shown.subList(Math.max(0, shown.size() - max), shown.size());
    }

    private static Optional<String> section(String message, String machine) {
        String marker = MACHINE_SECTION + machine + "'";
        int start = message.indexOf(marker);
        if (start < 0) {
            return Optional.empty();
        }
        int end = message.indexOf(MACHINE_SECTION, start + marker.length());
        String text = message.substring(start, end < 0 ? message.length() : end);
        int colon = text.indexOf("again:");
        return Optional.of((colon < 0 ? text : text.substring(colon + "again:".length())).strip());
    }
}
