// A data table: columns of {title, cell(row)}; wide tables scroll sideways on narrow screens.
import {h} from './dom.js';

export function table({id, caption, columns, rows, empty, rowKey}) {
  if (!rows.length) return h('p', {id, class: 'muted'}, empty);
  return h('div', {class: 'scroll', role: 'region', 'aria-label': caption, tabindex: 0},
    h('table', {id},
      h('caption', {class: 'visually-hidden'}, caption),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col'}, c.title)))),
      h('tbody', {}, rows.map(row => h('tr', {'data-id': rowKey ? rowKey(row) : null},
        columns.map(c => h('td', {'data-label': c.title}, c.cell(row))))))));
}
