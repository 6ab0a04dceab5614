// The applications table: instances, health, status and the reason an app waits.
import {h, link, section} from '../common/dom.js';
import {table} from '../common/table.js';
import {health, status, waiting} from './app-status.js';
import {queued} from './model.js';

export const appHref = id => `#/apps${id.split('/').map(encodeURIComponent).join('/')}`;

export function appsView(model) {
  return section('Applications', 'apps-section',
    h('p', {}, link('#/create', 'Create an app')),
    table({
      id: 'apps',
      caption: 'Applications',
      empty: 'No application yet.',
      rows: model.apps,
      rowKey: a => a.id,
      columns: [
        {title: 'App', cell: a => link(appHref(a.id), a.id, {class: 'mono'})},
        {title: 'Status', cell: a => statusBadge(a, queued(model, a.id))},
        {title: 'Instances', cell: a => `${a.tasksRunning} of ${a.instances} running`},
        {title: 'Health', cell: health},
        {title: 'Waiting for', cell: a => waiting(queued(model, a.id)) || '–'},
        {title: 'CPUs / memory', cell: a => `${a.cpus} / ${a.mem} MB`},
      ],
    }));
}

export function statusBadge(app, queueItem) {
  const s = status(app, queueItem);
  return h('span', {class: `status-${s.toLowerCase()}`, 'data-status': s}, s);
}
