// One app: its actions (scale, restart, suspend, destroy), built once so that a refresh never eats what is being
// typed, and what changes (status, tasks, deployments) redrawn at each refresh.
import {call} from '../common/api.js';
import {card, h, section, show} from '../common/dom.js';
import {ago, taskState} from '../common/format.js';
import {table} from '../common/table.js';
import {appConfig} from './app-config.js';
import {health, waiting} from './app-status.js';
import {statusBadge} from './apps.js';
import {deploymentsView} from './deployments.js';
import {appById, queued} from './model.js';

export function appPage(container, id, {say, reload, recent}) {
  const path = `/v2/apps${id.split('/').map(encodeURIComponent).join('/')}`;
  const act = async (method, suffix, body, done) => {
    try {
      await call(method, path + suffix, body);
      say('');
      if (done) done();
      reload();
    } catch (e) {
      say(e.message);
    }
  };
  const count = h('input', {id: 'scale-to', type: 'number', min: 0, step: 1, value: '1', 'aria-label': `Instances of ${id}`});
  const actions = h('div', {class: 'actions', role: 'group', 'aria-label': 'Actions'},
    h('form', {id: 'scale-form', onsubmit: ev => {
      ev.preventDefault();
      act('PUT', '', {instances: Number(count.value)});
    }}, h('label', {for: 'scale-to'}, 'Instances '), count, h('button', {type: 'submit', id: 'scale'}, 'Scale')),
    h('button', {type: 'button', id: 'restart', onclick: () => act('POST', '/restart')}, 'Restart'),
    h('button', {type: 'button', id: 'suspend', onclick: () => act('PUT', '', {instances: 0})}, 'Suspend'),
    h('button', {type: 'button', id: 'destroy', class: 'danger', onclick: () => {
      if (confirm(`Destroy ${id} and kill all its instances?`)) act('DELETE', '', undefined, () => { location.hash = '#/apps'; });
    }}, 'Destroy'));
  const summary = h('div');
  const tasks = h('div');
  const deployments = h('div');
  const config = appConfig(path, {say, reload});
  show(container, h('h2', {id: 'app-title'}, id), summary, actions, section('Instances', 'instances', tasks), deployments,
    config.parts);
  let seeded = false;

  function update(model) {
    const app = appById(model, id);
    if (!app) {
      show(summary, h('p', {id: 'app-missing'}, `There is no app ${id} (any more).`));
      show(tasks);
      show(deployments, deploymentsView(model, recent, say, id));
      return;
    }
    if (!seeded) {
      count.value = String(app.instances);
      seeded = true;
    }
    const q = queued(model, id);
    show(summary, h('dl', {class: 'cards'},
      card('Status', statusBadge(app, q)),
      card('Instances', h('span', {id: 'instance-count'}, `${app.tasksRunning} of ${app.instances} running`)),
      card('Health', health(app)),
      card('Waiting for', waiting(q) || 'nothing'),
      card('Command', h('code', {}, app.cmd || (app.args || []).join(' ') || '–')),
      card('Version', `${app.version} (${ago(app.version)})`),
      app.lastTaskFailure ? card('Last failure', `${taskState(app.lastTaskFailure.state)}: ${app.lastTaskFailure.message || ''}`) : null));
    show(tasks, table({
      id: 'app-tasks', caption: `Instances of ${id}`, empty: 'No instance runs.', rows: app.tasks || [], rowKey: t => t.id,
      columns: [
        {title: 'Task', cell: t => h('span', {class: 'mono'}, t.id)},
        {title: 'State', cell: t => h('span', {class: `state-${taskState(t.state)}`}, taskState(t.state))},
        {title: 'Host', cell: t => t.host},
        {title: 'Ports', cell: t => (t.ports || []).join(', ') || '–'},
        {title: 'Health', cell: t => taskHealth(t)},
        {title: 'Started', cell: t => ago(t.startedAt || t.stagedAt)},
      ]}));
    show(deployments, deploymentsView(model, recent, say, id));
    config.update(app);
  }
  return {update, dispose() {}};
}

function taskHealth(task) {
  const results = task.healthCheckResults || [];
  if (!results.length) return '–';
  return results.every(r => r.alive) ? 'healthy' : results.some(r => r.alive === false) ? 'unhealthy' : 'unknown';
}
