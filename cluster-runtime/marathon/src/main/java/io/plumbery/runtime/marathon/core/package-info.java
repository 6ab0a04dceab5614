/**
 * The leader's scheduler. {@link io.plumbery.runtime.marathon.core.MarathonScheduler} holds the event loop (Mesos
 * events, ticks, re-planning) and the wiring; everything runs on its one {@code CoreThread}, the only thread that
 * touches the {@code SchedulerState} (apps, tasks, deployments, backoffs, the launch queue, last failures).
 *
 * <p>Each collaborator is given the state and the few things it needs of the scheduler, as narrow interfaces, never
 * the scheduler itself: {@code Replan} (a planning pass now or soon), {@code MasterCalls} (ACCEPT, DECLINE, KILL),
 * {@code Killer} (kill a task: {@code TaskKiller}), {@code FrameworkStatus}; persistence is the
 * {@link io.plumbery.runtime.marathon.state.MarathonStore}. {@code OfferMatcher} launches, {@code HealthMonitor}
 * checks, {@code DeploymentRunner} moves deployments on, {@code Changes} turns API requests into deployments
 * (changes of groups as of the whole root group, {@code GroupHistory} keeping their versions), and
 * {@link io.plumbery.runtime.marathon.core.Operations} (changes) and {@code Snapshots} (reads) are what the API
 * calls, on the core thread.
 */
package io.plumbery.runtime.marathon.core;
