// Chronos's schedules, R[n]/START/PERIOD (ISO 8601 repeating intervals), in words. Chronos moves START to the next
// run as runs go by, so START is when the job runs next.
import {fromNow} from '../common/format.js';

const FORMAT = /^R(\d*)\/(.*)\/(P.+)$/;
const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNITS = [['year', 'years'], ['month', 'months'], ['week', 'weeks'], ['day', 'days'], ['h', 'h'], ['min', 'min'],
  ['s', 's']];

/** {remaining (Infinity for R), start, period}, or null for a job without a schedule (or one Chronos would refuse). */
export function parse(text) {
  const m = FORMAT.exec(text || '');
  return m ? {remaining: m[1] === '' ? Infinity : Number(m[1]), start: m[2], period: m[3]} : null;
}

/** "PT1M" as "1 min", "P1DT12H" as "1 day 12 h". */
export function period(text) {
  const m = PERIOD.exec(text || '');
  if (!m) return text;
  const parts = UNITS.map(([one, many], i) => (m[i + 1] && Number(m[i + 1]) ? `${m[i + 1]} ${Number(m[i + 1]) === 1 ? one : many}` : null));
  return parts.filter(Boolean).join(' ') || text;
}

export const dependent = job => (job.parents || []).length > 0;

/** How often the job runs: "every 1 min", "every 1 day, 3 runs left", "after its parents". */
export function cadence(job) {
  if (dependent(job)) return 'after its parents succeed';
  const s = parse(job.schedule);
  if (!s) return job.schedule || '–';
  const left = s.remaining === Infinity ? '' : `, ${s.remaining} run${s.remaining === 1 ? '' : 's'} left`;
  return `every ${period(s.period)}${left}`;
}

/** When the job runs next, in words, with the time itself (null when it has none). */
export function nextRun(job) {
  if (dependent(job)) return {text: 'when its parents succeed', at: null};
  if (job.disabled) return {text: 'never: disabled', at: null};
  const s = parse(job.schedule);
  if (!s) return {text: '–', at: null};
  if (s.remaining === 0) return {text: 'never: no run left', at: null};
  return {text: fromNow(s.start), at: s.start};
}
