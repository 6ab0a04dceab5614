// Creating an app, from a form or from JSON. Marathon validates; its 422 details are shown at the fields they name.
import {call} from '../common/api.js';
import {h, section} from '../common/dom.js';
import {fields, readJson} from '../common/form.js';
import {appHref} from './apps.js';
import {byField} from './validation.js';

const FIELDS = [
  {name: 'id', label: 'Id', type: 'text', hint: 'A path such as /web or /team/api: lower-case letters, digits, dashes and dots.', value: ''},
  {name: 'cmd', label: 'Command', type: 'text', hint: 'Run by the agent with /bin/sh -c.', value: ''},
  {name: 'instances', label: 'Instances', type: 'number', value: '1', step: '1'},
  {name: 'cpus', label: 'CPUs', type: 'number', value: '0.1', step: 'any'},
  {name: 'mem', label: 'Memory (MB)', type: 'number', value: '32', step: 'any'},
];

export function createView() {
  const form = fields(FIELDS, 'app');
  const {inputs, errors} = form;
  const overall = h('div', {class: 'field-error', id: 'form-errors', role: 'alert'});
  const json = h('textarea', {id: 'app-json', name: 'json', 'aria-describedby': 'json-errors json-hint', spellcheck: 'false'});
  const jsonErrors = h('div', {class: 'field-error', id: 'json-errors', role: 'alert'});

  const fromFields = () => {
    const app = {id: inputs.id.value.trim(), cmd: inputs.cmd.value};
    for (const n of ['instances', 'cpus', 'mem']) if (inputs[n].value !== '') app[n] = Number(inputs[n].value);
    return app;
  };

  const clear = () => {
    overall.textContent = '';
    jsonErrors.textContent = '';
    form.clear();
    json.removeAttribute('aria-invalid');
  };

  async function submit(app, fromJson) {
    clear();
    try {
      await call('POST', '/v2/apps', app);
      const id = String(app.id);
      location.hash = appHref(id.startsWith('/') ? id : `/${id}`);
    } catch (e) {
      if (e.status !== 422) {
        (fromJson ? jsonErrors : overall).textContent = e.message;
        return;
      }
      let first = null;
      for (const [field, messages] of byField(e.body)) {
        const text = messages.join('; ');
        if (!fromJson && inputs[field]) {
          errors[field].textContent = text;
          inputs[field].setAttribute('aria-invalid', 'true');
          first = first || inputs[field];
        } else {
          (fromJson ? jsonErrors : overall).append(h('p', {}, field ? `${field}: ${text}` : text));
          if (fromJson) json.setAttribute('aria-invalid', 'true');
        }
      }
      if (!overall.textContent && !first && !fromJson) overall.textContent = e.body.message || e.message;
      (first || (fromJson ? json : overall)).focus?.();
    }
  }

  const formNode = h('form', {class: 'app', id: 'create-form', novalidate: true, onsubmit: ev => {
    ev.preventDefault();
    submit(fromFields(), false);
  }}, overall, Object.values(form.groups), h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary', id: 'create'}, 'Create'),
    h('button', {type: 'button', id: 'to-json', onclick: () => { json.value = JSON.stringify(fromFields(), null, 2); json.focus(); }},
      'Copy into the JSON editor')));

  const jsonForm = h('form', {class: 'app', id: 'json-form', novalidate: true, onsubmit: ev => {
    ev.preventDefault();
    clear();
    const app = readJson(json, jsonErrors);
    if (app !== undefined) submit(app, true);
  }}, h('label', {for: 'app-json'}, 'App definition (JSON)'),
  h('p', {class: 'hint', id: 'json-hint'}, 'Any field of Marathon\'s app definition: ports, health checks, constraints, env…'),
  json, jsonErrors, h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary', id: 'create-json'}, 'Create from JSON')));

  json.value = JSON.stringify({id: '/hello', cmd: 'echo hello; sleep 3600', cpus: 0.1, mem: 32, instances: 1}, null, 2);
  return section('Create an app', 'create-app', formNode, jsonForm);
}
