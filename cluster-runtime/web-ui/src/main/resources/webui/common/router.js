// Hash routes: '#/agents/ID' is the route 'agents' with the rest ['ID'] (each part decoded).

export function current() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(p => p !== '').map(decodeURIComponent);
  return {name: parts[0] || '', rest: parts.slice(1)};
}

/** Calls onRoute(route) now and at each change of the hash. */
export function onRoute(handler) {
  window.addEventListener('hashchange', () => handler(current()));
  handler(current());
}

export const href = (...parts) => '#/' + parts.map(encodeURIComponent).join('/');

/** Marks the navigation's link to the route shown (aria-current), {@code fallback} standing for the empty route. */
export function markCurrent(route, fallback = '') {
  document.querySelectorAll('nav a[data-route]').forEach(a => {
    if (a.dataset.route === (route.name || fallback)) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}
