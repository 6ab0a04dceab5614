package io.plumbery.bootstrap.flow;

import java.util.Locale;

/** The steps of bootstrapping one node, in order. */
public enum Step {
    RENDER, CONNECT, CLOUD_INIT, CLOUD_CONFIG, PREPARE, UPLOAD_RUNTIME, UPLOAD_FILES, START_UNITS, WAIT_ACTIVE, WAIT_HEALTH;

    /** {@code upload-runtime}: how progress lines and errors name the step. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
