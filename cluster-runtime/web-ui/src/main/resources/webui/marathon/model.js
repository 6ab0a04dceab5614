// What the Marathon page shows, read from the REST API in one go: apps with their tasks, deployments, the launch
// queue and who leads.
import {get} from '../common/api.js';

export async function load() {
  const [apps, deployments, queue, info] = await Promise.all([
    get('/v2/apps?embed=apps.tasks&embed=apps.lastTaskFailure'),
    get('/v2/deployments'),
    get('/v2/queue'),
    get('/v2/info').catch(() => null),
  ]);
  return {apps: apps.apps, deployments: deployments || [], queue: (queue || {}).queue || [], info};
}

export const appById = (model, id) => model.apps.find(a => a.id === id);

export const queued = (model, id) => model.queue.find(q => (q.app || {}).id === id);

export const deploymentsOf = (model, id) => model.deployments.filter(d => (d.affectedApps || []).includes(id));
