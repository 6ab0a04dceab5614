// Tasks: state, host and ports, each linking to its page (sandbox and logs).
import {h, link, section} from '../common/dom.js';
import {taskState} from '../common/format.js';
import {href} from '../common/router.js';
import {table} from '../common/table.js';
import {ports, tasks} from './cluster.js';

export function tasksTable(list, empty) {
  return table({
    id: 'tasks',
    caption: 'Tasks',
    empty,
    rows: list,
    rowKey: t => t.id,
    columns: [
      {title: 'Task', cell: t => link(href('tasks', t.framework_id, t.id), t.id, {class: 'mono'})},
      {title: 'Name', cell: t => t.name},
      {title: 'State', cell: t => h('span', {class: `state-${taskState(t.state)}`}, taskState(t.state))},
      {title: 'Host', cell: t => link(href('agents', t.slave_id), t.host)},
      {title: 'Ports', cell: t => ports(t) || '–'},
      {title: 'Framework', cell: t => link(href('frameworks', t.framework_id), t.framework)},
    ],
  });
}

export function tasksView(state) {
  return section('Tasks', 'tasks-section', tasksTable(tasks(state), 'No task has run yet.'));
}
