package io.plumbery.engine;

/**
 * Where long work reports what it is doing: one line per subject (node, network...) and step, with the
 * time since the action started. Implementations must be thread-safe: nodes are built in parallel.
 */
public interface Progress {

    void started(String subject, String step);

    void finished(String subject, String step, String detail);

    void failed(String subject, String step, String reason);

    /** A remark that is not tied to a step, e.g. a warning from a provider. */
    void note(String message);

    Progress SILENT = new Progress() {
        @Override
        public void started(String subject, String step) {
        }

        @Override
        public void finished(String subject, String step, String detail) {
        }

        @Override
        public void failed(String subject, String step, String reason) {
        }

        @Override
        public void note(String message) {
        }
    };
}
