// What the Chronos page shows, read from Chronos's REST API: the jobs, each with its stats (skipped runs, run times,
// recent runs, only in /job/stat), and the leader.
import {get} from '../common/api.js';

export const jobPath = name => `/v1/scheduler/job/${encodeURIComponent(name)}`;

export async function load() {
  const [jobs, leader] = await Promise.all([get('/v1/scheduler/jobs'), get('/leader').catch(() => null)]);
  // a job deleted between the two calls has no stats: it is shown without them until the next refresh drops it
  const stats = await Promise.all((jobs || []).map(j => get(`/v1/scheduler/job/stat/${encodeURIComponent(j.name)}`)
    .catch(() => null)));
  const withStats = (jobs || []).map((j, i) => ({...j, stats: stats[i]}));
  withStats.sort((a, b) => a.name.localeCompare(b.name));
  return {jobs: withStats, leader: leader && leader.leader};
}

export const jobByName = (model, name) => model.jobs.find(j => j.name === name);

/** "running" while its latest run has not ended, "disabled", or "idle". */
export function state(job) {
  const latest = ((job.stats || {}).taskStatHistory || [])[0];
  if (latest && latest.status === 'Running') return 'running';
  return job.disabled ? 'disabled' : 'idle';
}
