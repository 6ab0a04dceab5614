// An app's status, health and the reason it waits, in words.

const REASONS = {
  InsufficientCpus: 'not enough CPUs',
  InsufficientMemory: 'not enough memory',
  InsufficientDisk: 'not enough disk',
  InsufficientPorts: 'no free ports',
  UnfulfilledConstraint: 'its constraints match no agent',
  UnfulfilledRole: 'no offer for its role',
  NoCorrespondingReservationFound: 'no matching reservation',
  AgentMaintenance: 'agents in maintenance',
};

export function status(app, queueItem) {
  if ((app.deployments || []).length) return 'Deploying';
  if (app.instances === 0) return 'Suspended';
  if ((queueItem && queueItem.count > 0) || app.tasksRunning < app.instances) return 'Waiting';
  return 'Running';
}

export function health(app) {
  if (!(app.healthChecks || []).length) return 'no health checks';
  return `${app.tasksHealthy} healthy, ${app.tasksUnhealthy} unhealthy`;
}

/** Why instances are not launched yet, from the launch queue ('' when none waits). */
export function waiting(queueItem) {
  if (!queueItem || !queueItem.count) return '';
  const delay = queueItem.delay || {};
  if (!delay.overdue && delay.timeLeftSeconds > 0) {
    return `${queueItem.count} to launch; backing off after failures, next try in ${delay.timeLeftSeconds} s`;
  }
  const declined = ((queueItem.processedOffersSummary || {}).rejectSummaryLastOffers || [])
    .filter(r => r.declined > 0).map(r => REASONS[r.reason] || r.reason);
  return declined.length ? `${queueItem.count} to launch; offers declined: ${declined.join(', ')}`
    : `${queueItem.count} to launch, waiting for offers`;
}
