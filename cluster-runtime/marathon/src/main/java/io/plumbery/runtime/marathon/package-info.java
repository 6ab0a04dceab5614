/**
 * A Marathon-compatible scheduler: a framework of the master that talks to it only through the public v1 scheduler
 * HTTP API, and serves Marathon's REST API (v2, 1.x shapes).
 *
 * <ul>
 *   <li>{@code model}: apps as Marathon's JSON ({@code AppDefinition}), ids ({@code PathId}), validation with
 *       Marathon's 422 paths, placement constraints as pure functions ({@code Constraints}), the root group
 *       ({@code GroupTree}: apps and group definitions, Marathon's structural {@code GroupUpdate}).</li>
 *   <li>{@code mesos}: the v1 scheduler client ({@code MesosClient}: leader found in ZooKeeper, SUBSCRIBE, RecordIO
 *       events, re-subscription with the same FrameworkID), offer arithmetic and TaskInfo JSON.</li>
 *   <li>{@code core}: the leader's scheduler on one thread ({@code MarathonScheduler}); {@code AppPlanner} decides
 *       kills and launches per app (scaling, replacement, rolling upgrades within minimumHealthCapacity /
 *       maximumOverCapacity); {@code OfferMatcher} (Docker apps only on offers with {@code docker:true}),
 *       {@code HealthMonitor}, {@code LaunchDelay} (backoff), {@code EventBus}. API changes become deployments:
 *       {@code Operations} (the facade), {@code Changes} (versions, validation, conflicts, rollback),
 *       {@code DeploymentPlanner} (steps ordered by {@code Dependencies}), {@code DeploymentRunner} (one step at a
 *       time: an app's new definition takes effect when its step begins; resumed by a new leader).</li>
 *   <li>{@code state}: apps, versions, groups and their history, deployments, tasks and the framework id under
 *       {@code <zk path>/state}.</li>
 *   <li>{@code api}: the Jetty handler of {@code /v2/...}, {@code /ping}, {@code /metrics}, SSE {@code /v2/events};
 *       non-leaders proxy to the leader.</li>
 *   <li>{@link io.plumbery.runtime.marathon.MarathonServer}: one instance (HTTP, leader latch under
 *       {@code <zk path>/leader}, scheduler while leading); {@link io.plumbery.runtime.marathon.MarathonCommand}: its
 *       flags.</li>
 * </ul>
 */
package io.plumbery.runtime.marathon;
