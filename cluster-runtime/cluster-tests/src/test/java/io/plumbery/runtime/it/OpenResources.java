package io.plumbery.runtime.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test started (ZooKeeper, masters, agents, clients), closed after it last started first, so that nothing
 * outlives the test that needs it: {@code @RegisterExtension final OpenResources open = new OpenResources();}.
 */
public final class OpenResources implements AfterEachCallback {
    private final List<AutoCloseable> open = new ArrayList<>();

    /** {@code c}, to be closed after the test. */
    public <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    /** Not to be closed after the test: the test closed it itself. */
    public void forget(AutoCloseable c) {
        open.remove(c);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
