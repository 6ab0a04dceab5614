// A job's stats (/v1/scheduler/job/stat/NAME): its successful runs' times and its latest runs.
import {h} from '../common/dom.js';
import {millis} from '../common/format.js';
import {table} from '../common/table.js';

const PERCENTILES = [['median', 'Median'], ['75thPercentile', '75th percentile'], ['95thPercentile', '95th percentile'],
  ['99thPercentile', '99th percentile'], ['mean', 'Mean']];

export function runTimes(stats) {
  const histogram = (stats || {}).histogram || {};
  if (!histogram.count) return h('p', {id: 'run-times', class: 'muted'}, 'No successful run yet.');
  return h('div', {class: 'scroll'}, h('table', {id: 'run-times', class: 'narrow'},
    h('caption', {class: 'visually-hidden'}, 'Run times of the successful runs'),
    h('tbody', {},
      h('tr', {}, h('th', {scope: 'row'}, 'Successful runs timed'), h('td', {class: 'num'}, String(histogram.count))),
      PERCENTILES.map(([key, title]) => h('tr', {}, h('th', {scope: 'row'}, title),
        h('td', {class: 'num'}, millis(histogram[key])))))));
}

export function recentRuns(stats) {
  return table({
    id: 'recent-runs', caption: 'The latest runs, newest first', empty: 'No run yet.',
    rows: (stats || {}).taskStatHistory || [], rowKey: r => r.taskId,
    columns: [
      {title: 'Status', cell: r => h('span', {class: `run-${r.status.toLowerCase()}`}, r.status)},
      {title: 'Started (UTC)', cell: r => r.startTime},
      {title: 'Ended (UTC)', cell: r => (r.endTime === 'N/A' ? 'running' : r.endTime)},
      {title: 'Took', cell: r => r.duration || '–'},
      {title: 'Agent', cell: r => h('span', {class: 'mono'}, r.slaveId || '–')},
      {title: 'Task', cell: r => h('span', {class: 'mono'}, r.taskId)},
    ],
  });
}
