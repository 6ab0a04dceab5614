// Runs a loader now and then every so often, never two at once; now() asks for a run as soon as possible.

export function every(ms, load) {
  let timer = null;
  let running = false;
  let again = false;
  let stopped = false;
  async function run() {
    clearTimeout(timer);
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await load();
    } catch (e) {
      console.error(e);
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(run, again ? 0 : ms);
      again = false;
    }
  }
  run();
  return {
    now: run,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
