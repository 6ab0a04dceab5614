package io.plumbery.cli;

import java.io.Console;
import java.io.PrintWriter;

/**
 * Destructive actions ask on a terminal, like Terraform does; scripts (no terminal) and {@code --yes}
 * go ahead.
 */
final class Confirmation {

    private Confirmation() {
    }

    static boolean confirmed(boolean yes, PrintWriter out, String question) {
        Console console = System.console();
        if (yes || console == null) {
            return true;
        }
        out.print(question + " Only 'yes' is accepted: ");
        out.flush();
        String answer = console.readLine();
        return answer != null && answer.trim().equals("yes");
    }
}
