// The Chronos page: polls the jobs and their stats every few seconds and shows the route the hash names.
import {kept, show} from '../common/dom.js';
import {loadOrFollow} from '../common/leader.js';
import {notice} from '../common/notice.js';
import {every} from '../common/poller.js';
import {current, markCurrent, onRoute} from '../common/router.js';
import {createView} from './job-form.js';
import {jobPage} from './job-page.js';
import {jobsView} from './jobs.js';
import {load} from './model.js';

const REFRESH_MS = 3000;
const main = document.getElementById('main');
const where = document.getElementById('where');
const problems = notice(document.getElementById('notice'));
const say = text => (text ? problems.error(text) : problems.clear());
let model = null;
let page = null;
// what was typed in the form survives going elsewhere and back
const createForm = kept(createView);

async function refresh() {
  const loaded = await loadOrFollow(load, problems);
  if (!loaded) return;
  model = loaded;
  where.textContent = model.leader ? `Leader ${model.leader}` : '';
  // redrawn at each refresh, unchanged or not: next runs and "3 min ago" move with the clock
  render(false);
}

const poller = every(REFRESH_MS, refresh);

function render(routeChanged) {
  const route = current();
  if (route.name === 'create') {
    createForm(main, routeChanged);
    return;
  }
  if (!model) return;
  if (route.name === 'jobs' && route.rest.length) {
    if (routeChanged || !page) page = jobPage(main, route.rest[0], {say, reload: () => poller.now()});
    page.update(model);
    return;
  }
  page = null;
  show(main, jobsView(model));
}

onRoute(route => {
  markCurrent(route, 'jobs');
  render(true);
  main.focus({preventScroll: true});
});
