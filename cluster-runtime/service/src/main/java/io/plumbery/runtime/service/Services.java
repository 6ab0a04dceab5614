package io.plumbery.runtime.service;

import java.util.concurrent.CountDownLatch;

/** Runs a service until the JVM is asked to stop (SIGTERM from systemd), then closes it. */
public final class Services {
    private Services() {
    }

    public interface Stoppable {
        void stop() throws Exception;
    }

    public static int runUntilShutdown(Stoppable service) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.stop();
            } catch (Exception e) {
                System.err.println("Error while stopping: " + e);
            } finally {
                done.countDown();
            }
        }, "shutdown"));
        done.await();
        return 0;
    }
}
