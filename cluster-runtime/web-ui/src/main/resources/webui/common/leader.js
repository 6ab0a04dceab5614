// A page left open on an instance that stops leading: its server then sends "/" to the leader, so follow that.

/** After a failed request: answers true (and leaves for the leader's page) if this server no longer leads. */
export async function followLeader() {
  try {
    const answer = await fetch('/', {redirect: 'manual', cache: 'no-store'});
    if (answer.type === 'opaqueredirect') {
      location.assign('/');
      return true;
    }
  } catch (e) {
    // this server does not answer at all: the caller's own message says so
  }
  return false;
}

/**
 * Reads what a page shows: the value of load(), or undefined after a failure, which is said in words on the page
 * unless this server no longer leads (the browser then leaves for the leader's page).
 */
export async function loadOrFollow(load, problems) {
  try {
    const value = await load();
    problems.clear();
    return value;
  } catch (e) {
    if (!(await followLeader())) problems.error(e.message);
    return undefined;
  }
}
