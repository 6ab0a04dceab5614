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

/** "12 s ago", "3 min ago", from seconds since the epoch (Mesos) or an ISO date (Marathon). */
export function ago(when) {
  if (!when) return '–';
  const ms = typeof when === 'number' ? when * 1000 : Date.parse(when);
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

/** Mesos's "TASK_RUNNING" as "running". */
export const taskState = state => (state || '').replace(/^TASK_/, '').toLowerCase();
