// The jobs table: schedule, next run, last success and error, counts, parents.
import {h, link, section} from '../common/dom.js';
import {ago} from '../common/format.js';
import {href} from '../common/router.js';
import {table} from '../common/table.js';
import {state} from './model.js';
import {cadence, nextRun} from './schedule.js';

export const jobHref = name => href('jobs', name);

/** A time as "3 min ago", the time itself in its title (a tooltip, and what screen readers may read). */
export function when(iso) {
  return iso ? h('time', {datetime: iso, title: iso}, ago(iso)) : 'never';
}

export function next(job) {
  const n = nextRun(job);
  return n.at ? h('time', {datetime: n.at, title: n.at}, n.text) : n.text;
}

export function parents(job) {
  const list = job.parents || [];
  return list.length ? list.flatMap((p, i) => [i ? ', ' : null, link(jobHref(p), p, {class: 'mono'})]) : '–';
}

export function jobsView(model) {
  return section('Jobs', 'jobs-section',
    h('p', {}, link('#/create', 'Create a job')),
    table({
      id: 'jobs',
      caption: 'Jobs, with their schedules, last runs and counts',
      empty: 'No job yet.',
      rows: model.jobs,
      rowKey: j => j.name,
      columns: [
        {title: 'Job', cell: j => link(jobHref(j.name), j.name, {class: 'mono'})},
        {title: 'State', cell: j => h('span', {class: `state-${state(j)}`}, state(j))},
        {title: 'Schedule', cell: cadence},
        {title: 'Next run', cell: next},
        {title: 'Last success', cell: j => when(j.lastSuccess)},
        {title: 'Last error', cell: j => when(j.lastError)},
        {title: 'Successes', cell: j => h('span', {class: 'num', 'data-count': 'success'}, String(j.successCount || 0))},
        {title: 'Errors', cell: j => h('span', {class: 'num', 'data-count': 'error'}, String(j.errorCount || 0))},
        {title: 'Skipped', cell: j => (j.stats ? String(j.stats.skipCount || 0) : '–')},
        {title: 'Parents', cell: parents},
      ],
    }));
}
