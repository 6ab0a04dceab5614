// The Chronos page: polls the jobs and their stats every few seconds and shows the route the hash names.
import {show} from '../common/dom.js';
import {followLeader} from '../common/leader.js';
import {notice} from '../common/notice.js';
import {every} from '../common/poller.js';
import {current, onRoute} from '../common/router.js';
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
let createForm = null;

async function refresh() {
  try {
    model = await load();
  } catch (e) {
    if (!(await followLeader())) problems.error(e.message);
    return;
  }
  problems.clear();
  where.textContent = model.leader ? `Leader ${model.leader}` : '';
  // redrawn at each refresh, unchanged or not: next runs and "3 min ago" move with the clock
  render(false);
}

const poller = every(REFRESH_MS, refresh);

function render(routeChanged) {
  const route = current();
  if (route.name === 'create') {
    // the form is kept while the page lives: what was typed survives going elsewhere and back
    if (routeChanged || !main.contains(createForm)) show(main, createForm = createForm || createView());
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
  document.querySelectorAll('nav a[data-route]').forEach(a => {
    if (a.dataset.route === (route.name || 'jobs')) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  render(true);
  main.focus({preventScroll: true});
});
