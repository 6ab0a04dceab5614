// Numbers and times as people read them.

export const cpus = n => String(Math.round((n || 0) * 100) / 100);

export function megabytes(mb) {
  const n = mb || 0;
  return n >= 1024 ? `${(n / 1024).toFixed(1)} GB` : `${Math.round(n)} MB`;
}

export function bytes(b) {
  const n = b || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const percent = (part, whole) => (whole ? `${Math.round((100 * part) / whole)}%` : '–');

/** "12 s", "3 min", "2 h", "4 days", from seconds. */
function span(s) {
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** "12 s ago", "3 min ago", from seconds since the epoch (Mesos) or an ISO date (Marathon). */
export function ago(when) {
  if (!when) return '–';
  const ms = typeof when === 'number' ? when * 1000 : Date.parse(when);
  return `${span(Math.max(0, Math.round((Date.now() - ms) / 1000)))} ago`;
}

/** "in 12 s", "in 3 min" for a time to come (an ISO date, as Chronos writes them), else as ago(). */
export function fromNow(when) {
  const ms = Date.parse(when);
  if (Number.isNaN(ms)) return '–';
  const s = Math.round((ms - Date.now()) / 1000);
  return s <= 0 ? ago(when) : `in ${span(s)}`;
}

/** A duration given in milliseconds: "350 ms", "2.4 s", "3 min 5 s". */
export function millis(ms) {
  const n = Math.round(ms || 0);
  if (n < 1000) return `${n} ms`;
  if (n < 60000) return `${(n / 1000).toFixed(1)} s`;
  return `${Math.floor(n / 60000)} min ${Math.round((n % 60000) / 1000)} s`;
}

/** Mesos's "TASK_RUNNING" as "running". */
export const taskState = state => (state || '').replace(/^TASK_/, '').toLowerCase();
