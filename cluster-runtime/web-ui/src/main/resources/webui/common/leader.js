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
