package io.plumbery.node.ssh;

/** POSIX shell quoting. */
public final class Shell {
    private Shell() {
    }

    /** {@code s} as one single-quoted shell word. */
    public static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
