// A task's page: what the master says of it, its sandbox on the agent (/files/browse) and its stdout or stderr
// followed as they grow (/files/read). The sandbox's directory is the executor's "directory" in the agent's /state.
// The agent is read through the leading master's /agent/ID/ pages: one origin, one login for the whole cluster.
import {get} from '../common/api.js';
import {h, link, section, show} from '../common/dom.js';
import {bytes, taskState} from '../common/format.js';
import {href} from '../common/router.js';
import {table} from '../common/table.js';
import {agentById, agentUrl, ports, taskById} from './cluster.js';
import {follow} from './file-tail.js';

/** Mounts the task's page; update(state) refreshes what the master says; dispose() stops following files. */
export function taskPage(container, state, frameworkId, taskId) {
  const summary = h('div');
  const files = h('div', {}, h('p', {class: 'muted'}, 'Looking for the sandbox…'));
  const viewer = h('div');
  show(container, summary, section('Sandbox', 'sandbox', files), viewer);
  let tail = null;
  let started = false;

  function update(s) {
    const task = taskById(s, frameworkId, taskId);
    show(summary, describe(task, s, frameworkId, taskId));
    if (task && !started) {
      started = true;
      const agent = agentById(s, task.slave_id);
      if (agent) sandbox(agent, task); else show(files, h('p', {}, 'The task\'s agent is no longer registered: its sandbox cannot be reached.'));
    }
  }

  async function sandbox(agent, task) {
    const base = agentUrl(agent);
    let dir;
    try {
      dir = await directory(base, task);
    } catch (e) {
      show(files, h('p', {id: 'sandbox-error'}, `The sandbox cannot be read: ${e.message}`));
      return;
    }
    const open = name => {
      if (tail) tail.stop();
      const pre = h('pre', {class: 'log', id: 'log', tabindex: 0, 'aria-live': 'off'});
      const problem = h('p', {class: 'field-error', role: 'alert'});
      show(viewer, section(`${name} (following)`, 'file', problem, pre));
      tail = follow(base, `${dir}/${name}`, {
        onData: text => {
          const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
          pre.append(text);
          problem.textContent = '';
          if (atEnd) pre.scrollTop = pre.scrollHeight;
        },
        onError: e => { problem.textContent = `Reading ${name} failed: ${e.message} Trying again.`; },
      });
    };
    try {
      const entries = await get(`${base}/files/browse?path=${encodeURIComponent(dir)}`);
      show(files,
        h('p', {}, h('span', {class: 'mono path'}, dir), ' on ', agent.hostname),
        h('div', {class: 'actions'},
          h('button', {type: 'button', id: 'open-stdout', onclick: () => open('stdout')}, 'Follow stdout'),
          h('button', {type: 'button', id: 'open-stderr', onclick: () => open('stderr')}, 'Follow stderr')),
        table({id: 'sandbox-files', caption: 'Files of the sandbox', empty: 'The sandbox is empty.', rows: entries,
          columns: [
            {title: 'Name', cell: f => (f.mode || '').startsWith('d') ? f.path.split('/').pop() + '/'
              : h('button', {type: 'button', class: 'linkish', onclick: () => open(f.path.split('/').pop())}, f.path.split('/').pop())},
            {title: 'Size', cell: f => bytes(f.size)},
            {title: 'Modified', cell: f => (f.mtime ? new Date(f.mtime * 1000).toLocaleString() : '–')},
          ]}));
    } catch (e) {
      show(files, h('p', {id: 'sandbox-error'}, `The sandbox cannot be listed: ${e.message}`));
    }
  }

  update(state);
  return {update, dispose: () => tail && tail.stop()};
}

/** The executor's sandbox directory from the agent's /state; Mesos's "latest run" path when it names none. */
async function directory(base, task) {
  const executorId = task.executor_id || task.id;
  const agentState = await get(`${base}/state`);
  for (const f of [...(agentState.frameworks || []), ...(agentState.completed_frameworks || [])]) {
    if (f.id !== task.framework_id) continue;
    for (const e of [...(f.executors || []), ...(f.completed_executors || [])]) {
      if (e.id === executorId && e.directory) return e.directory;
    }
  }
  return `/frameworks/${task.framework_id}/executors/${executorId}/runs/latest`;
}

function describe(task, state, frameworkId, taskId) {
  if (!task) return section('Task', 'task', h('p', {}, `The master does not know task ${taskId} of framework ${frameworkId}.`));
  const agent = agentById(state, task.slave_id);
  return section(`Task ${task.id}`, 'task',
    h('dl', {class: 'cards'},
      card('State', h('span', {class: `state-${taskState(task.state)}`, id: 'task-state'}, taskState(task.state))),
      card('Host', agent ? link(href('agents', agent.id), agent.hostname) : task.slave_id),
      card('Ports', ports(task) || '–'),
      card('Framework', link(href('frameworks', task.framework_id), task.framework)),
      card('Name', task.name)));
}

function card(title, value) {
  return h('div', {class: 'card'}, h('dt', {}, title), h('dd', {}, value));
}
