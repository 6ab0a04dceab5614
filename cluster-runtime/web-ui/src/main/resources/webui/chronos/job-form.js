// Creating a job, from a form (on a schedule, or after other jobs) or from JSON. Chronos checks it; its refusals are
// shown in words at the field they concern.
import {call} from '../common/api.js';
import {h, section} from '../common/dom.js';
import {fields, readJson} from '../common/form.js';
import {explain} from './errors.js';
import {jobHref} from './jobs.js';

const FIELDS = [
  {name: 'name', label: 'Name', hint: 'Letters, digits, underscores, dots and dashes.'},
  {name: 'command', label: 'Command', hint: 'Run by the agent with /bin/sh -c.'},
  {name: 'schedule', label: 'Schedule', value: 'R//PT1H', only: 'scheduled',
    hint: 'R/START/PERIOD: R runs for ever (R5: five times); START an ISO 8601 time such as 2026-12-03T10:00:00Z, '
      + 'none for now; PERIOD such as PT30S, PT1H, P1D.'},
  {name: 'parents', label: 'Parents', only: 'dependent',
    hint: 'The jobs that must succeed first, separated by commas. It runs once all of them have.'},
  {name: 'epsilon', label: 'Epsilon', hint: 'How late a run may still start, such as PT30S. Empty: the scheduler\'s default.'},
  {name: 'retries', label: 'Retries', type: 'number', value: '2', step: '1'},
  {name: 'cpus', label: 'CPUs', type: 'number', step: 'any', hint: 'Empty: the scheduler\'s default, as for memory and disk.'},
  {name: 'mem', label: 'Memory (MB)', type: 'number', step: 'any'},
  {name: 'disk', label: 'Disk (MB)', type: 'number', step: 'any'},
  {name: 'owner', label: 'Owner', type: 'email', hint: 'Who hears of its failures (an e-mail address).'},
];
const NUMBERS = ['retries', 'cpus', 'mem', 'disk'];

// a job with parents, even none (which Chronos refuses), is a dependent one: never taken for a run-once job
const endpoint = job => (Array.isArray(job.parents) ? '/v1/scheduler/dependency' : '/v1/scheduler/iso8601');

export function createView() {
  const form = fields(FIELDS, 'job');
  const {inputs, groups} = form;
  const overall = h('div', {class: 'field-error', id: 'form-errors', role: 'alert'});
  const json = h('textarea', {id: 'job-json', name: 'json', 'aria-describedby': 'json-errors json-hint', spellcheck: 'false'});
  const jsonErrors = h('div', {class: 'field-error', id: 'json-errors', role: 'alert'});

  const radios = {};
  const kinds = [['scheduled', 'On a schedule'], ['dependent', 'After other jobs succeed']].map(([value, text], i) => {
    radios[value] = h('input', {type: 'radio', name: 'kind', value, id: `kind-${value}`, checked: i === 0,
      onchange: () => showKind()});
    return h('label', {class: 'choice'}, radios[value], ` ${text}`);
  });
  const kind = () => (radios.dependent.checked ? 'dependent' : 'scheduled');
  function showKind() {
    for (const f of FIELDS) if (f.only) groups[f.name].hidden = f.only !== kind();
  }

  const fromFields = () => {
    const job = {name: inputs.name.value.trim(), command: inputs.command.value};
    if (kind() === 'scheduled') job.schedule = inputs.schedule.value.trim();
    else job.parents = inputs.parents.value.split(',').map(p => p.trim()).filter(Boolean);
    if (inputs.epsilon.value.trim()) job.epsilon = inputs.epsilon.value.trim();
    if (inputs.owner.value.trim()) job.owner = inputs.owner.value.trim();
    for (const n of NUMBERS) if (inputs[n].value !== '') job[n] = Number(inputs[n].value);
    return job;
  };

  const clear = () => {
    overall.textContent = '';
    jsonErrors.textContent = '';
    form.clear();
    json.removeAttribute('aria-invalid');
  };

  async function submit(job, fromJson) {
    clear();
    try {
      await call('POST', endpoint(job), job);
      location.hash = jobHref(String(job.name));
    } catch (e) {
      const [field, words] = explain(e, job);
      if (!fromJson && inputs[field]) {
        form.invalid(field, words);
      } else if (fromJson) {
        jsonErrors.textContent = field ? `${field}: ${words}` : words;
        json.setAttribute('aria-invalid', 'true');
        json.focus();
      } else {
        overall.textContent = field ? `${field}: ${words}` : words;
        overall.focus?.();
      }
    }
  }

  const formNode = h('form', {class: 'app', id: 'create-form', novalidate: true, onsubmit: ev => {
    ev.preventDefault();
    submit(fromFields(), false);
  }}, overall, h('fieldset', {class: 'kinds'}, h('legend', {}, 'Runs'), kinds), Object.values(groups),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary', id: 'create'}, 'Create'),
    h('button', {type: 'button', id: 'to-json', onclick: () => { json.value = JSON.stringify(fromFields(), null, 2); json.focus(); }},
      'Copy into the JSON editor')));

  const jsonForm = h('form', {class: 'app', id: 'json-form', novalidate: true, onsubmit: ev => {
    ev.preventDefault();
    clear();
    const job = readJson(json, jsonErrors);
    if (job !== undefined) submit(job, true);
  }}, h('label', {for: 'job-json'}, 'Job definition (JSON)'),
  h('p', {class: 'hint', id: 'json-hint'}, 'Any field of Chronos\'s jobs: container, environmentVariables, constraints, '
    + 'fetch… With "parents" it runs after them, else on its "schedule".'),
  json, jsonErrors, h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary', id: 'create-json'}, 'Create from JSON')));

  json.value = JSON.stringify({name: 'hello', command: 'echo hello', schedule: 'R//PT1H', epsilon: 'PT30S', cpus: 0.1, mem: 32},
    null, 2);
  showKind();
  return section('Create a job', 'create-job', formNode, jsonForm);
}
