package io.plumbery.state;

import java.nio.file.Path;

/** Another process holds this plan's state: two writers would each lose the other's resources. */
public class StateLockedException extends StateException {

    private static final long serialVersionUID = 1L;

    public StateLockedException(Path lockFile, String holder) {
        super("the state of this plan is locked by another plumbery process (" + holder + "); lock file " + lockFile
                + ". Wait for it to finish; the lock goes with that process.");
    }
}
