// The Marathon page: loads the model, keeps it live through the event stream, shows the route the hash names.
import {kept, show} from '../common/dom.js';
import {loadOrFollow} from '../common/leader.js';
import {notice} from '../common/notice.js';
import {every} from '../common/poller.js';
import {current, markCurrent, onRoute} from '../common/router.js';
import {createView} from './app-form.js';
import {appPage} from './app-page.js';
import {appsView} from './apps.js';
import {deploymentsView} from './deployments.js';
import {live} from './live.js';
import {load} from './model.js';

// the event stream drives refreshes; this slow poll only covers events missed while the stream reconnects
const FALLBACK_MS = 10000;
const main = document.getElementById('main');
const problems = notice(document.getElementById('notice'));
const liveState = document.getElementById('live');
const say = text => (text ? problems.error(text) : problems.clear());
let model = null;
let page = null;
// what was typed in the form survives going elsewhere and back
const createForm = kept(createView);
let seen = '';

const stream = live({
  onChange: () => poller.now(),
  onState: connected => {
    liveState.textContent = connected ? '· live' : '· reconnecting to the event stream…';
    if (connected) poller.now();
  },
});
const poller = every(FALLBACK_MS, refresh);

async function refresh() {
  const loaded = await loadOrFollow(load, problems);
  if (!loaded) return;
  model = loaded;
  const leader = model.info && model.info.leader;
  document.getElementById('where').textContent = leader ? `Leader ${leader}` : '';
  // nothing changed, nothing redrawn: a click is never lost to a redraw of the same content
  const text = JSON.stringify(model) + JSON.stringify([...stream.recent.values()]);
  if (text !== seen) render(false);
  seen = text;
}

function render(routeChanged) {
  const route = current();
  if (route.name === 'create') {
    createForm(main, routeChanged);
    return;
  }
  if (!model) return;
  if (route.name === 'apps' && route.rest.length) {
    const id = `/${route.rest.join('/')}`;
    if (routeChanged || !page) page = appPage(main, id, {say, reload: () => poller.now(), recent: stream.recent});
    page.update(model);
    return;
  }
  page = null;
  show(main, route.name === 'deployments' ? deploymentsView(model, stream.recent, say) : appsView(model));
}

onRoute(route => {
  markCurrent(route, 'apps');
  render(true);
  main.focus({preventScroll: true});
});
