package io.plumbery.runtime.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An account of the agent's host that a command task runs as, from its passwd entry (as the system's name service
 * answers, so LDAP users count too): the task's sandbox becomes its own, and its processes start under its uid, its
 * primary group and its supplementary groups.
 */
record TaskUser(String name, int uid, int gid, String home) {

    /**
     * {@code argv} run as this user. setpriv (util-linux, on every Debian) rather than runuser: setpriv only changes
     * the ids and then execs, so the process the agent supervises is the task itself, its signals and exit status
     * unchanged; runuser opens a PAM session and stays as the parent of the command. Changing from root to another
     * uid, the kernel drops every capability of the task.
     */
    List<String> wrap(List<String> argv) {
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
        out.addAll(argv);
        return out;
    }

    /** What a login as this user would see of itself, so that tools the task runs look in its home, not root's. */
    Map<String, String> environment() {
        return Map.of("USER", name, "LOGNAME", name, "HOME", home);
    }

    /** The sandbox and everything fetched into it made this user's, as Mesos chowns a sandbox; links not followed. */
    void own(Path sandbox) throws IOException {
        try (Stream<Path> tree = Files.walk(sandbox)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
