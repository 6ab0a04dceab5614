// What the pages' forms share: labelled inputs, each with its hint and its error line, and JSON read from an editor.
import {h} from './dom.js';

/**
 * One labelled input per spec ({name, label, hint, type, value, step, only}), with ids `${prefix}-${name}` (the input)
 * and `${name}-errors`: {inputs, errors, groups (a block per field), clear()}.
 */
export function fields(specs, prefix) {
  const inputs = {};
  const errors = {};
  const groups = {};
  for (const f of specs) {
    inputs[f.name] = h('input', {id: `${prefix}-${f.name}`, name: f.name, type: f.type || 'text', value: f.value || '',
      step: f.step, 'aria-describedby': `${f.name}-errors${f.hint ? ` ${f.name}-hint` : ''}`, autocomplete: 'off'});
    errors[f.name] = h('div', {class: 'field-error', id: `${f.name}-errors`});
    groups[f.name] = h('div', {class: 'field', 'data-only': f.only},
      h('label', {for: `${prefix}-${f.name}`}, f.label), f.hint ? h('p', {class: 'hint', id: `${f.name}-hint`}, f.hint) : null,
      inputs[f.name], errors[f.name]);
  }
  return {
    inputs, errors, groups,
    /** Shows what is said about a field, marks it invalid and focuses it. */
    invalid(name, text) {
      errors[name].textContent = text;
      inputs[name].setAttribute('aria-invalid', 'true');
      inputs[name].focus();
    },
    clear() {
      for (const n of Object.keys(inputs)) {
        errors[n].textContent = '';
        inputs[n].removeAttribute('aria-invalid');
      }
    },
  };
}

/** The editor's JSON, or undefined when it is not JSON (then said under it, the editor marked invalid). */
export function readJson(editor, errors) {
  try {
    return JSON.parse(editor.value);
  } catch (e) {
    errors.textContent = `This is not valid JSON: ${e.message}`;
    editor.setAttribute('aria-invalid', 'true');
    return undefined;
  }
}
