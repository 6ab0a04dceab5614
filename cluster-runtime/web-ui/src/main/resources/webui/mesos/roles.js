// Roles: each role's weight, quota, frameworks and what is allocated to it, from the master's /master/roles, with the
// weights and quota that /master/weights and /master/quota set (where the master serves them: a 404 shows nothing).
import {get} from '../common/api.js';
import {h, link, section} from '../common/dom.js';
import {cpus, megabytes} from '../common/format.js';
import {href} from '../common/router.js';
import {table} from '../common/table.js';

const optional = url => get(url).catch(e => {
  if (e.status === 404) return null;
  throw e;
});

/** {cpus: 2, mem: 1024} from Mesos's resources: a list of {name, scalar: {value}}, or a map of name to {value}. */
function amounts(resources) {
  if (Array.isArray(resources)) {
    return Object.fromEntries(resources.filter(r => r.scalar).map(r => [r.name, r.scalar.value]));
  }
  return Object.fromEntries(Object.entries(resources || {}).map(([k, v]) => [k, typeof v === 'object' ? v.value : v]));
}

/** role -> {guarantee, limit}, from /master/quota (QuotaStatus: Mesos 1.9's "configs", or the older "infos"). */
function quotaByRole(status) {
  const out = new Map();
  for (const info of (status && status.infos) || []) out.set(info.role, {guarantee: amounts(info.guarantee)});
  for (const c of (status && status.configs) || []) out.set(c.role, {guarantee: amounts(c.guarantees), limit: amounts(c.limits)});
  return out;
}

/** /master/roles with the weights and quota set, each role that has either listed even without a framework. */
export async function loadRoles() {
  const [roles, weights, quota] = await Promise.all([get('/master/roles'), optional('/master/weights'), optional('/master/quota')]);
  const byName = new Map(((roles && roles.roles) || []).map(r => [r.name, {...r}]));
  const role = name => byName.get(name) || byName.set(name, {name, frameworks: [], resources: {}}).get(name);
  for (const w of (Array.isArray(weights) ? weights : (weights && weights.weights) || [])) role(w.role).weight = w.weight;
  for (const [name, q] of quotaByRole(quota)) role(name).quota = q;
  return {roles: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))};
}

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
