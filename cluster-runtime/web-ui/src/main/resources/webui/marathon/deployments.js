// Deployments: those running (with their steps, the current one marked) and those that finished while this page was
// open; a running one can be rolled back or stopped.
import {call} from '../common/api.js';
import {h, section} from '../common/dom.js';
import {ago} from '../common/format.js';

/** A deployment's steps as an ordered list; each step's actions as "RestartApplication /app". */
export function steps(list, currentStep) {
  return h('ol', {class: 'steps'}, list.map((s, i) => h('li', {class: i + 1 === currentStep ? 'current' : null},
    (s.actions || []).map(a => `${a.action} ${a.app}`).join(', ') || 'nothing to do',
    i + 1 === currentStep ? ' (running now)' : '')));
}

export function running(d, say) {
  const act = async (force, verb) => {
    if (!confirm(`${verb} deployment ${d.id}?`)) return;
    try {
      await call('DELETE', `/v2/deployments/${encodeURIComponent(d.id)}${force ? '?force=true' : ''}`);
    } catch (e) {
      say(e.message);
    }
  };
  return h('div', {class: 'deployment', 'data-id': d.id},
    h('h3', {}, `Deployment ${d.id}`),
    h('p', {}, `Apps: ${(d.affectedApps || []).join(', ')} · step ${d.currentStep} of ${d.totalSteps} · version ${d.version}`),
    steps(d.steps || [], d.currentStep),
    h('div', {class: 'actions'},
      h('button', {type: 'button', 'data-key': `rollback-${d.id}`, onclick: () => act(false, 'Roll back')}, 'Roll back'),
      h('button', {type: 'button', class: 'danger', 'data-key': `stop-${d.id}`, onclick: () => act(true, 'Stop')},
        'Stop without rolling back')));
}

export function finished(d) {
  return h('div', {class: 'deployment', 'data-id': d.id},
    h('h3', {}, `Deployment ${d.id}: ${d.status}`),
    h('p', {class: 'muted'}, ago(d.at)),
    steps(d.steps || [], 0));
}

/** Running deployments (for apps, or all of them), then finished ones seen live, newest first. */
export function deploymentsView(model, recent, say, appId) {
  const concerns = d => !appId || (d.affectedApps || []).includes(appId)
    || (d.steps || []).some(s => (s.actions || []).some(a => a.app === appId));
  const runningOnes = model.deployments.filter(concerns);
  const runningIds = new Set(runningOnes.map(d => d.id));
  const done = [...recent.values()].filter(d => d.status !== 'running' && !runningIds.has(d.id) && concerns(d)).reverse();
  return [
    section('Running deployments', appId ? 'app-deployments' : 'deployments',
      runningOnes.length ? runningOnes.map(d => running(d, say)) : h('p', {class: 'muted'}, 'No deployment is running.')),
    section('Finished while this page was open', appId ? 'app-finished-deployments' : 'finished-deployments',
      done.length ? done.map(finished) : h('p', {class: 'muted'}, 'None yet.')),
  ];
}
