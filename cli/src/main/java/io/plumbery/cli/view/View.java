package io.plumbery.cli.view;

import java.io.PrintWriter;

/** What a command shows of an engine result: text for people, or one JSON document for scripts. */
public interface View {

    void human(PrintWriter out);

    void json(PrintWriter out);

    default void render(PrintWriter out, boolean json) {
        if (json) {
            json(out);
        } else {
            human(out);
        }
    }
}
