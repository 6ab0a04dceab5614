// Agents: the list, and a page per agent with its resources, attributes and tasks.
import {h, link, section} from '../common/dom.js';
import {ago, cpus, megabytes} from '../common/format.js';
import {href} from '../common/router.js';
import {table} from '../common/table.js';
import {agentById, agentUrl, tasks} from './cluster.js';
import {tasksTable} from './tasks.js';

const used = (a, k) => ((a.used_resources || {})[k] || 0) + ((a.offered_resources || {})[k] || 0);

export function agentsView(state) {
  return section('Agents', 'agents-section', table({
    id: 'agents',
    caption: 'Agents',
    empty: 'No agent is registered with this master.',
    rows: state.slaves,
    rowKey: a => a.id,
    columns: [
      {title: 'Host', cell: a => link(href('agents', a.id), a.hostname)},
      {title: 'State', cell: a => (a.active ? 'active' : 'inactive')},
      {title: 'CPUs (used / total)', cell: a => `${cpus(used(a, 'cpus'))} / ${cpus(a.resources.cpus)}`},
      {title: 'Memory (used / total)', cell: a => `${megabytes(used(a, 'mem'))} / ${megabytes(a.resources.mem)}`},
      {title: 'Disk', cell: a => megabytes(a.resources.disk)},
      {title: 'Attributes', cell: a => attributes(a)},
      {title: 'Registered', cell: a => ago(a.registered_time)},
    ],
  }));
}

function attributes(agent) {
  const entries = Object.entries(agent.attributes || {});
  return entries.length ? entries.map(([k, v]) => `${k}:${v}`).join(', ') : '–';
}

export function agentView(state, id) {
  const agent = agentById(state, id);
  if (!agent) {
    return section('Agent', 'agent', h('p', {}, `No agent ${id} is registered with this master (it may have been removed).`),
      link('#/agents', 'All agents'));
  }
  const r = agent.resources || {};
  return [
    section(`Agent ${agent.hostname}`, 'agent',
      h('dl', {class: 'cards'},
        card('Id', h('span', {class: 'mono'}, agent.id)),
        card('Address', link(`${agentUrl(agent)}/state`, `${agent.hostname}:${agent.port}`)),
        card('CPUs', `${cpus(used(agent, 'cpus'))} used of ${cpus(r.cpus)}`),
        card('Memory', `${megabytes(used(agent, 'mem'))} used of ${megabytes(r.mem)}`),
        card('Disk', megabytes(r.disk)),
        card('Ports', r.ports || '–'),
        card('Attributes', attributes(agent)),
        card('Version', agent.version || '–'))),
    section('Tasks on this agent', 'agent-tasks',
      tasksTable(tasks(state).filter(t => t.slave_id === agent.id), 'No task runs on this agent.')),
  ];
}

function card(title, value) {
  return h('div', {class: 'card'}, h('dt', {}, title), h('dd', {}, value));
}
