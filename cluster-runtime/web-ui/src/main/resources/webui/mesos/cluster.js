// What the Mesos page reads out of /master/state: totals, agents by id, tasks with their framework and host.

const KINDS = ['cpus', 'mem', 'disk'];

/** Total, used, offered and idle cpus, mem and disk over all agents. */
export function resources(state) {
  const sum = field => Object.fromEntries(KINDS.map(k => [k, state.slaves.reduce((n, a) => n + ((a[field] || {})[k] || 0), 0)]));
  const total = sum('resources');
  const used = sum('used_resources');
  const offered = sum('offered_resources');
  const idle = Object.fromEntries(KINDS.map(k => [k, Math.max(0, total[k] - used[k] - offered[k])]));
  return {total, used, offered, idle};
}

export const agentById = (state, id) => state.slaves.find(a => a.id === id);

/** The agent's base URL, where its own HTTP API (/state, /files) answers. */
/** An agent's read-only endpoints as the leading master serves them (GET /agent/ID/state, /agent/ID/files/...). */
export const agentUrl = agent => `/agent/${encodeURIComponent(agent.id)}`;

/** Every framework, active first, then completed ones (marked). */
export function frameworks(state) {
  return [
    ...state.frameworks.map(f => ({...f, completed: false})),
    ...(state.completed_frameworks || []).map(f => ({...f, completed: true})),
  ];
}

/** Every task the master knows, live first, each with its framework's name and its agent's hostname. */
export function tasks(state) {
  const out = [];
  for (const f of frameworks(state)) {
    for (const list of [f.tasks, f.unreachable_tasks, f.completed_tasks]) {
      for (const t of list || []) {
        const agent = agentById(state, t.slave_id);
        out.push({...t, framework: f.name || f.id, host: agent ? agent.hostname : t.slave_id});
      }
    }
  }
  return out;
}

export const taskById = (state, frameworkId, taskId) =>
  tasks(state).find(t => t.framework_id === frameworkId && t.id === taskId);

/** A task's ports as "31000, 31005-31007", from its ports resource ("[31000-31000, 31005-31007]"). */
export function ports(task) {
  const text = ((task.resources || {}).ports || '').replace(/[[\]]/g, '').trim();
  return text.split(',').map(r => r.trim()).filter(Boolean)
    .map(r => { const [a, b] = r.split('-'); return a === b || !b ? a : `${a}-${b}`; }).join(', ');
}

/** The leader's host:port, from its leader_info. */
export function leaderAddress(state) {
  const info = state.leader_info || {};
  return `${info.hostname || info.address?.hostname || ''}:${info.port || info.address?.port || ''}`;
}
