// One job: its actions (run now, kill its tasks, delete), built once so that a refresh never moves them, and what
// changes (schedule, counts, run times, latest runs) redrawn at each refresh.
import {call} from '../common/api.js';
import {card, h, link, section, show} from '../common/dom.js';
import {cpus, megabytes} from '../common/format.js';
import {next, parents, when} from './jobs.js';
import {jobByName, jobPath, state} from './model.js';
import {cadence} from './schedule.js';
import {recentRuns, runTimes} from './stats.js';

export function jobPage(container, name, {say, reload}) {
  const act = async (method, url, done) => {
    try {
      await call(method, url);
      say('');
      if (done) done();
      reload();
    } catch (e) {
      say(e.message);
    }
  };
  const actions = h('div', {class: 'actions', role: 'group', 'aria-label': 'Actions'},
    h('button', {type: 'button', id: 'run-now', class: 'primary', onclick: () => act('PUT', jobPath(name))}, 'Run now'),
    h('button', {type: 'button', id: 'kill-tasks', onclick: () => {
      if (confirm(`Kill the running tasks of ${name}? Its waiting runs are dropped too.`)) {
        act('DELETE', `/v1/scheduler/task/kill/${encodeURIComponent(name)}`);
      }
    }}, 'Kill its tasks'),
    h('button', {type: 'button', id: 'delete-job', class: 'danger', onclick: () => {
      if (confirm(`Delete ${name}? Its running tasks are killed; jobs that ran after it only lose it as a parent.`)) {
        act('DELETE', jobPath(name), () => { location.hash = '#/jobs'; });
      }
    }}, 'Delete'));
  const summary = h('div');
  const times = h('div');
  const runs = h('div');
  const definition = h('pre', {id: 'job-definition', class: 'definition', tabindex: 0});
  show(container, h('h2', {id: 'job-title'}, name), summary, actions,
    section('Run times', 'run-times-section', times), section('Latest runs', 'runs-section', runs),
    section('Definition', 'definition-section', definition));

  function update(model) {
    const job = jobByName(model, name);
    if (!job) {
      show(summary, h('p', {id: 'job-missing'}, `There is no job ${name} (any more). `, link('#/jobs', 'All jobs')));
      show(times);
      show(runs);
      definition.textContent = '';
      return;
    }
    const stats = job.stats || {};
    show(summary, h('dl', {class: 'cards'},
      card('State', h('span', {id: 'job-state', class: `state-${state(job)}`}, state(job))),
      card('Schedule', h('span', {}, cadence(job), job.schedule ? h('br') : null,
        job.schedule ? h('code', {class: 'path'}, job.schedule) : null)),
      card('Next run', next(job)),
      card('Parents', parents(job)),
      card('Successes', h('span', {id: 'success-count'}, String(job.successCount || 0))),
      card('Errors', h('span', {id: 'error-count'}, String(job.errorCount || 0),
        job.errorsSinceLastSuccess ? ` (${job.errorsSinceLastSuccess} since the last success)` : '')),
      card('Skipped', h('span', {id: 'skip-count'}, job.stats ? String(stats.skipCount || 0) : '–')),
      card('Last success', when(job.lastSuccess)),
      card('Last error', when(job.lastError)),
      card('Command', h('code', {class: 'path'}, job.command || '–')),
      card('Resources', `${cpus(job.cpus)} CPUs · ${megabytes(job.mem)} · ${megabytes(job.disk)} disk`),
      card('Retries · epsilon', `${job.retries} · ${job.epsilon}`),
      job.owner ? card('Owner', job.owner) : null));
    show(times, runTimes(stats));
    show(runs, recentRuns(stats));
    const {stats: ignored, ...own} = job;
    const text = JSON.stringify(own, null, 2);
    if (definition.textContent !== text) definition.textContent = text;
  }
  return {update};
}
