// The Mesos page: polls the leader's /master/state and shows the route the hash names.
import {get} from '../common/api.js';
import {show} from '../common/dom.js';
import {followLeader} from '../common/leader.js';
import {notice} from '../common/notice.js';
import {every} from '../common/poller.js';
import {current, markCurrent, onRoute} from '../common/router.js';
import {agentView, agentsView} from './agents.js';
import {resources, leaderAddress} from './cluster.js';
import {frameworkView, frameworksView} from './frameworks.js';
import {overview} from './overview.js';
import {loadRoles, rolesView} from './roles.js';
import {taskPage} from './sandbox.js';
import {tasksView} from './tasks.js';

const REFRESH_MS = 2000;
const main = document.getElementById('main');
const where = document.getElementById('where');
const problems = notice(document.getElementById('notice'));
const history = [];
let state = null;
let roles = null; // read only while the roles page is shown
let masters = null; // null where the master does not serve /master/masters
let page = null; // a mounted page that keeps its own parts (a task's page follows files)

const views = {
  '': s => overview(s, history, masters),
  agents: (s, rest) => (rest.length ? agentView(s, rest[0]) : agentsView(s)),
  frameworks: (s, rest) => (rest.length ? frameworkView(s, rest[0]) : frameworksView(s)),
  tasks: (s, rest) => (rest.length ? null : tasksView(s)),
  roles: () => rolesView(roles),
};

function render(routeChanged) {
  if (!state) return;
  const route = current();
  const isTaskPage = route.name === 'tasks' && route.rest.length === 2;
  if (isTaskPage) {
    if (routeChanged || !page) {
      if (page) page.dispose();
      page = taskPage(main, state, route.rest[0], route.rest[1]);
    } else {
      page.update(state);
    }
    return;
  }
  if (page) {
    page.dispose();
    page = null;
  }
  const view = views[route.name] || views[''];
  show(main, view(state, route.rest));
}

let seen = '';

async function load() {
  let text;
  try {
    [state, masters] = await Promise.all([get('/master/state'), get('/master/masters').catch(() => null)]);
    if (current().name === 'roles') roles = await loadRoles();
    text = JSON.stringify(state) + JSON.stringify(roles) + JSON.stringify(masters);
  } catch (e) {
    if (!(await followLeader())) problems.error(`${e.message}`);
    return;
  }
  problems.clear();
  const r = resources(state);
  history.push(r.total.cpus ? r.used.cpus / r.total.cpus : 0);
  if (history.length > 60) history.shift();
  where.textContent = `Leader ${leaderAddress(state)} · Mesos ${state.version}`;
  // an unchanged cluster is not redrawn (a click is never lost to a redraw), except the overview's chart
  if (text !== seen || current().name === '') render(false);
  seen = text;
}

const poller = every(REFRESH_MS, load);

onRoute(route => {
  markCurrent(route);
  render(true);
  main.focus({preventScroll: true});
  if (route.name === 'roles' && !roles) poller.now();
});
