// Marathon's 422 answers ({message, details: [{path: "/cpus", errors: [...]}]}) in plain words, by field.

const WORDS = {
  'error.path.missing': 'is required',
  'error.expected.jsobject': 'must be an object',
  'error.expected.jsarray': 'must be a list',
  'error.expected.jsstring': 'must be text',
  'error.expected.jsnumber': 'must be a number',
};

// Marathon's rule for each segment of an app's id, as it states it
const ID_RULE = "must fully match regular expression '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$'";

export function plain(error) {
  if (WORDS[error]) return WORDS[error];
  if (error === ID_RULE) {
    return 'may only hold lower-case letters, digits, dashes and dots, each part of the path starting and ending with a letter or digit';
  }
  if (error.startsWith('error.expected.enumstring:')) return `must be one of ${error.split(':')[1].trim()}`;
  return error;
}

/** The top-level field a detail's path names ("/cpus" → "cpus", "/healthChecks(0)/protocol" → "healthChecks"). */
export const fieldOf = path => (path || '/').replace(/^\//, '').split(/[/(]/)[0];

/** The details grouped by field ('' for the app as a whole), each error in plain words. */
export function byField(body) {
  const out = new Map();
  for (const d of (body && body.details) || []) {
    const field = fieldOf(d.path);
    const errors = (d.errors || []).map(plain);
    out.set(field, [...(out.get(field) || []), ...errors.map(e => (d.path && d.path !== `/${field}` ? `${d.path}: ${e}` : e))]);
  }
  return out;
}
