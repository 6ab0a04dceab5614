package io.plumbery.runtime.marathon.core;

/** The scheduler's standing with the master, as {@code /v2/info} and {@code /metrics} show it. */
interface FrameworkStatus {
    /** The framework id the master gave, or null before the first subscription. */
    String frameworkId();

    boolean isSubscribed();
}
