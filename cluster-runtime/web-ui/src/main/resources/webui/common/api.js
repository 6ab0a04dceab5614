// JSON over HTTP with failures in plain words. Every page talks to the documented APIs through this.

export class ApiError extends Error {
  constructor(message, status, body, text = '') {
    super(message);
    this.status = status;
    this.body = body;
    // the answer as sent: some APIs (Chronos) say what is wrong in plain text, not JSON
    this.text = text;
  }
}

export const get = url => call('GET', url);

/** Sends a request; answers the parsed JSON (null for an empty body) or throws an ApiError that a person can read. */
export async function call(method, url, body) {
  const init = {method, cache: 'no-store', headers: {Accept: 'application/json'}};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(`No answer from ${where(url)}: it may be down, restarting, or not answering requests from this page.`,
      0, null);
  }
  const text = await response.text();
  const json = parse(text);
  if (!response.ok) throw new ApiError(explain(response.status, json, text, url), response.status, json, text);
  return json;
}

function parse(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch (e) {
    return null;
  }
}

/** host:port of a URL, or "this server" for our own origin. */
export function where(url) {
  const u = new URL(url, location.href);
  return u.host === location.host ? 'this server' : u.host;
}

function explain(status, json, text, url) {
  const said = json && typeof json.message === 'string' ? json.message : text.trim().slice(0, 300);
  const path = new URL(url, location.href).pathname;
  switch (status) {
    case 401:
    case 403:
      return `Not allowed to read ${path} on ${where(url)}${said ? `: ${said}` : ''}.`;
    case 404:
      return `${where(url)} does not serve ${path}${said ? ` (${said})` : ''}.`;
    case 503:
      return `No leader is answering yet${said ? ` (${said})` : ''}; trying again.`;
    default:
      return `${where(url)} answered ${status} to ${path}${said ? `: ${said}` : ''}.`;
  }
}
