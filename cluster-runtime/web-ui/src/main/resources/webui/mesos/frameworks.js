// Frameworks, active and completed, and a page per framework with its tasks.
import {h, link, section} from '../common/dom.js';
import {ago, cpus, megabytes} from '../common/format.js';
import {href} from '../common/router.js';
import {table} from '../common/table.js';
import {frameworks, tasks} from './cluster.js';
import {tasksTable} from './tasks.js';

const live = f => (f.tasks || []).length;
/** A framework's own page, when it names one over http(s) (nothing else is made a link). */
const webui = f => (/^https?:\/\//.test(f.webui_url || '') ? h('a', {href: f.webui_url}, f.webui_url) : f.webui_url || '–');

export function frameworksView(state) {
  const list = frameworks(state);
  return [false, true].map(completed => section(completed ? 'Completed frameworks' : 'Active frameworks',
    completed ? 'completed-frameworks' : 'active-frameworks', table({
      id: completed ? 'completed-frameworks-table' : 'frameworks',
      caption: completed ? 'Completed frameworks' : 'Active frameworks',
      empty: completed ? 'No framework has completed.' : 'No framework is registered.',
      rows: list.filter(f => f.completed === completed),
      rowKey: f => f.id,
      columns: [
        {title: 'Name', cell: f => link(href('frameworks', f.id), f.name || f.id)},
        {title: 'Role', cell: f => f.role || '*'},
        {title: 'Web UI', cell: webui},
        {title: 'Tasks', cell: f => String(live(f))},
        {title: 'CPUs', cell: f => cpus((f.used_resources || {}).cpus)},
        {title: 'Memory', cell: f => megabytes((f.used_resources || {}).mem)},
        {title: 'Registered', cell: f => ago(f.registered_time)},
      ],
    })));
}

export function frameworkView(state, id) {
  const f = frameworks(state).find(x => x.id === id);
  if (!f) return section('Framework', 'framework', h('p', {}, `The master does not know framework ${id}.`));
  return [
    section(`Framework ${f.name || f.id}`, 'framework',
      h('p', {class: 'mono'}, f.id),
      h('p', {}, f.completed ? 'Completed.' : f.connected ? 'Connected.' : 'Disconnected (the master waits for it to come back).',
        f.webui_url ? [' Its own page: ', webui(f)] : '')),
    section('Its tasks', 'framework-tasks',
      tasksTable(tasks(state).filter(t => t.framework_id === f.id), 'This framework has no task.')),
  ];
}
