package io.plumbery.runtime.webui;

/** The page a server shows at {@code /}: its HTML file among the assets. */
public enum Page {
    MESOS("mesos.html"),
    MARATHON("marathon.html"),
    CHRONOS("chronos.html");

    private final String file;

    Page(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }
}
