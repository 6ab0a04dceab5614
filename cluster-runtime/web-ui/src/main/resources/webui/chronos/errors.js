// Chronos's refusals (400 with {"status": "Bad Request", "message": ...} or a bare message; an empty 500 for a
// dependent job without parents) in plain words, each with the field it concerns ('' for the job as a whole).

const RULES = [
  [/the job's name is invalid/, () => ['name', 'may only hold letters, digits, underscores, dots and dashes, and may not be empty']],
  [/^Cannot parse schedule '(.*)'/s, m => ['schedule', `“${m[1]}” is not a schedule Chronos reads: write R/START/PERIOD, `
    + 'such as R/2026-12-03T10:00:00Z/PT1M (R for ever, R5 for five runs; no START for now; PERIOD such as PT30S, PT1H, P1D)']],
  [/^Scheduled start date '(.*)' is before 1970/, m => ['schedule', `starts on ${m[1]}, before 1970`]],
  [/^Tried to add both uri/, () => ['fetch', 'has both "uris" (deprecated) and "fetch": keep "fetch" only']],
  [/does not have all parents defined/, () => ['parents', 'names a job that does not exist']],
  [/would depend on itself/, () => ['parents', 'would make the job depend on itself']],
  [/^A job is a JSON object/, () => ['', 'A job is a JSON object: {"name": ..., "command": ...}']],
];

/** [field, words] for an ApiError from posting {@code job} (a dependent one if it has parents). */
export function explain(error, job) {
  if (error.status === 500 && !error.text && Array.isArray(job.parents) && !job.parents.length) {
    return ['parents', 'needs at least one parent job'];
  }
  if (error.status !== 400) return ['', error.message];
  const said = ((error.body && error.body.message) || error.text || '').trim();
  for (const [pattern, words] of RULES) {
    const m = pattern.exec(said);
    if (m) return words(m);
  }
  return ['', `Chronos refused the job: ${said || error.message}`];
}
