// Element building and rendering. Text is always set as text, never parsed as HTML.

/** h('a', {href: '#/x', class: 'y', onclick: f}, 'text', otherNode, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'value') el.value = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Replaces a container's content. Keyboard users keep their place: the focused element's data-key (or id) is looked
 * up in the new content and focused again, so periodic refreshes never throw focus back to the top of the page.
 */
export function show(container, ...children) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) ? focused.dataset.key || focused.id : null;
  container.replaceChildren();
  append(container, children);
  if (key) {
    const again = [...container.querySelectorAll('[data-key], [id]')]
      .find(el => el.dataset.key === key || el.id === key);
    if (again) again.focus({preventScroll: true});
  }
}

/**
 * A view built once, at its first showing, and kept while the page lives: shown again (a form with what was typed
 * in it) when its route comes back, left alone by refreshes while it is shown.
 */
export function kept(make) {
  let view = null;
  return (container, routeChanged) => {
    if (routeChanged || !container.contains(view)) show(container, view = view || make());
  };
}

/** A link that keeps focus across refreshes (its href is its key). */
export function link(href, text, attrs = {}) {
  return h('a', {href, 'data-key': href, ...attrs}, text);
}

/** A section with a heading: the page's unit of content. */
export function section(title, id, ...children) {
  const headingId = id ? `${id}-title` : null;
  return h('section', {id, 'aria-labelledby': headingId}, h('h2', {id: headingId}, title), ...children);
}

/** One term of a definition list of cards: a title over its value. */
export function card(title, value) {
  return h('div', {class: 'card'}, h('dt', {}, title), h('dd', {}, value));
}
