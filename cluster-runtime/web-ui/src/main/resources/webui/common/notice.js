// The one line at the top of a page that says what went wrong (or what is going on), read out by screen readers.

export function notice(el) {
  const say = (kind, text) => {
    el.className = `notice ${kind}`;
    el.textContent = text;
    el.hidden = false;
  };
  return {
    error: text => say('error', text),
    info: text => say('info', text),
    clear: () => {
      el.hidden = true;
      el.textContent = '';
    },
  };
}
