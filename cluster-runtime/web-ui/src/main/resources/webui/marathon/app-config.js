// An app's configuration as JSON, edited in place (PUT /v2/apps/ID, Marathon's 422 shown by field), and its versions,
// any of which can be deployed again (PUT {"version": V}, Marathon's rollback).
import {call, get} from '../common/api.js';
import {h, section, show} from '../common/dom.js';
import {readJson} from '../common/form.js';
import {ago} from '../common/format.js';
import {byField} from './validation.js';

// what Marathon reports about an app but does not take back in a PUT
const READ_ONLY = ['version', 'versionInfo', 'tasks', 'tasksRunning', 'tasksStaged', 'tasksHealthy', 'tasksUnhealthy',
  'deployments', 'lastTaskFailure', 'readinessCheckResults', 'taskStats', 'executor'];

export const editable = app => Object.fromEntries(Object.entries(app).filter(([k]) => !READ_ONLY.includes(k)));

export function appConfig(path, {say, reload}) {
  const editor = h('textarea', {id: 'app-config', spellcheck: 'false', 'aria-describedby': 'config-errors config-hint'});
  const errors = h('div', {class: 'field-error', id: 'config-errors', role: 'alert'});
  const versions = h('div', {id: 'app-versions'});
  let shownVersion = null;
  let touched = false;
  editor.addEventListener('input', () => { touched = true; });

  async function apply(body) {
    errors.textContent = '';
    editor.removeAttribute('aria-invalid');
    try {
      await call('PUT', path, body);
      touched = false;
      say('');
      reload();
    } catch (e) {
      if (e.status !== 422) {
        errors.textContent = e.message;
        return;
      }
      for (const [field, messages] of byField(e.body)) errors.append(h('p', {}, field ? `${field}: ${messages.join('; ')}` : messages.join('; ')));
      if (!errors.textContent) errors.textContent = e.body.message || e.message;
      editor.setAttribute('aria-invalid', 'true');
      editor.focus();
    }
  }

  const form = h('form', {id: 'config-form', class: 'app', onsubmit: ev => {
    ev.preventDefault();
    const body = readJson(editor, errors);
    if (body !== undefined) apply(body);
  }}, h('label', {for: 'app-config'}, 'Configuration (JSON)'),
    h('p', {class: 'hint', id: 'config-hint'}, 'Applying it deploys a new version of the app.'),
    editor, errors, h('div', {class: 'actions'}, h('button', {type: 'submit', id: 'apply-config'}, 'Apply')));

  async function loadVersions(current) {
    let list;
    try {
      list = (await get(`${path}/versions`)).versions || [];
    } catch (e) {
      show(versions, h('p', {class: 'field-error'}, e.message));
      return;
    }
    show(versions, h('ol', {class: 'versions'}, list.map((v, i) => h('li', {'data-version': v},
      h('span', {class: 'mono'}, v), ` (${ago(v)})`,
      v === current ? h('span', {class: 'muted'}, ' · deployed now')
        : h('button', {type: 'button', 'data-key': `use-${v}`, id: `use-version-${list.length - 1 - i}`,
          onclick: () => { if (confirm(`Deploy version ${v} of this app again?`)) apply({version: v}); }}, 'Deploy this version')))));
  }

  return {
    parts: [section('Configuration', 'app-configuration', form), section('Versions', 'app-versions-section', versions)],
    /** Shows the app as it now is: the editor is refilled unless the user is typing in it. */
    update(app) {
      if (app.version === shownVersion) return;
      shownVersion = app.version;
      if (!touched) editor.value = JSON.stringify(editable(app), null, 2);
      loadVersions(app.version);
    },
  };
}
