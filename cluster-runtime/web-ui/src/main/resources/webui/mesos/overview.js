// The overview: who leads and who stands by, what the cluster holds and uses, with used cpus drawn over the page's
// lifetime.
import {card, h, link, section} from '../common/dom.js';
import {cpus, megabytes, percent} from '../common/format.js';
import {resources, tasks} from './cluster.js';
import {mastersSection} from './masters.js';

export function overview(state, history, masters) {
  const r = resources(state);
  const live = tasks(state).filter(t => ['TASK_RUNNING', 'TASK_STAGING', 'TASK_STARTING'].includes(t.state));
  return [
    mastersSection(state, masters),
    section('Resources', 'resources',
      h('div', {class: 'scroll'}, h('table', {id: 'resource-table'},
        h('caption', {class: 'visually-hidden'}, 'Cluster resources'),
        h('thead', {}, h('tr', {}, ['', 'Total', 'Used', 'Offered', 'Idle'].map(t => h('th', {scope: 'col', class: t ? 'num' : null}, t)))),
        h('tbody', {},
          row('CPUs', r, 'cpus', cpus),
          row('Memory', r, 'mem', megabytes),
          row('Disk', r, 'disk', megabytes)))),
      h('h3', {}, 'CPUs in use, since this page opened'),
      chart(history)),
    section('Summary', 'summary',
      h('dl', {class: 'cards'},
        card('Agents', link('#/agents', String(state.slaves.length), {id: 'agent-count'})),
        card('Frameworks', link('#/frameworks', String(state.frameworks.length))),
        card('Live tasks', link('#/tasks', String(live.length))),
        card('Mesos version', state.version))),
  ];
}

function row(title, r, kind, format) {
  const cell = v => h('td', {class: 'num'}, format(v));
  return h('tr', {}, h('th', {scope: 'row'}, title), cell(r.total[kind]),
    h('td', {class: 'num'}, `${format(r.used[kind])} (${percent(r.used[kind], r.total[kind])})`),
    cell(r.offered[kind]), cell(r.idle[kind]));
}

/** A polyline of used/total cpus, one point per refresh (the last 60). */
function chart(history) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('viewBox', '0 0 100 40');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  const last = history[history.length - 1];
  svg.setAttribute('aria-label', last === undefined ? 'No samples yet' : `CPUs in use now: ${Math.round(last * 100)}%`);
  const line = document.createElementNS(ns, 'polyline');
  const step = 100 / Math.max(1, history.length - 1);
  line.setAttribute('points', history.map((v, i) => `${(i * step).toFixed(1)},${(40 - v * 38 - 1).toFixed(1)}`).join(' '));
  svg.append(line);
  return svg;
}
