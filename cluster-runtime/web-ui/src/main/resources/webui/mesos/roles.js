// Roles: each role's weight, quota, frameworks and what is allocated to it, from the master's /master/roles.
import {h, link, section} from '../common/dom.js';
import {cpus, megabytes} from '../common/format.js';
import {href} from '../common/router.js';
import {table} from '../common/table.js';

/** A role's quota as "cpus 2 · mem 1 GB" (Mesos 1.9+ gives quota.guarantee / quota.limit), or "none". */
function quota(role) {
  const q = role.quota || {};
  const parts = [];
  for (const [kind, values] of [['guarantee', q.guarantee], ['limit', q.limit]]) {
    if (!values || !Object.keys(values).length) continue;
    const text = Object.entries(values).map(([k, v]) => `${k} ${k === 'mem' || k === 'disk' ? megabytes(v) : v}`).join(' · ');
    parts.push(`${kind}: ${text}`);
  }
  return parts.join('; ') || 'none';
}

export function rolesView(roles) {
  if (!roles) return section('Roles', 'roles-section', h('p', {class: 'muted'}, 'Loading the roles…'));
  return section('Roles', 'roles-section', table({
    id: 'roles', caption: 'Roles, with their weights, quota and allocation', empty: 'No role is known.',
    rows: roles.roles || [], rowKey: r => r.name,
    columns: [
      {title: 'Role', cell: r => h('span', {class: 'mono'}, r.name)},
      {title: 'Weight', cell: r => String(r.weight ?? 1)},
      {title: 'Quota', cell: quota},
      {title: 'Frameworks', cell: r => ((r.frameworks || []).length
        ? (r.frameworks || []).map(id => link(href('frameworks', id), id, {class: 'mono'})) : '–')},
      {title: 'CPUs', cell: r => cpus((r.resources || {}).cpus)},
      {title: 'Memory', cell: r => megabytes((r.resources || {}).mem)},
    ],
  }));
}
