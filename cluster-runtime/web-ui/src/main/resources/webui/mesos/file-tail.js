// Follows a file of an agent through its /files/read API, as Mesos documents it: offset=-1 answers the file's
// length; then each read from an offset answers {data, offset}; an empty data means nothing new yet. Read through the
// leading master's /agent/ID/ pages.
import {get} from '../common/api.js';

const CHUNK = 64 * 1024;
const BACKLOG = 32 * 1024;
const IDLE_MS = 1000;

/** Calls onData(text) with the file's last BACKLOG bytes, then with each new piece; stop() ends it. */
export function follow(agentBase, path, {onData, onError}) {
  let stopped = false;
  let timer = null;
  let offset = null;
  const read = (from, length) =>
    get(`${agentBase}/files/read?path=${encodeURIComponent(path)}&offset=${from}${length ? `&length=${length}` : ''}`);

  async function step() {
    if (stopped) return;
    try {
      if (offset === null) {
        const end = (await read(-1)).offset;
        offset = Math.max(0, end - BACKLOG);
      }
      const piece = await read(offset, CHUNK);
      if (stopped) return;
      const data = piece.data || '';
      if (data) {
        offset = piece.offset + new TextEncoder().encode(data).length;
        onData(data);
      }
      timer = setTimeout(step, data.length >= CHUNK ? 0 : IDLE_MS);
    } catch (e) {
      if (!stopped) onError(e);
      timer = setTimeout(step, IDLE_MS * 3);
    }
  }
  step();
  return {stop() { stopped = true; clearTimeout(timer); }};
}
