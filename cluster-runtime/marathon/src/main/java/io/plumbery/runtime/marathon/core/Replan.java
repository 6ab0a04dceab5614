package io.plumbery.runtime.marathon.core;

/** What a change to apps, tasks or deployments needs from the scheduler's planning loop: a new pass. */
interface Replan {
    /** Re-plans every app now: kills what is to go, sets how many to launch, moves deployments on. */
    void now();

    /** Re-plans once after the events already queued on the core thread (bursts of changes cost one pass). */
    void soon();
}
