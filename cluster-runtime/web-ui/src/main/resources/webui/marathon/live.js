// Keeps the page live through Marathon's event stream (/v2/events, Server-Sent Events): each event that changes
// apps, tasks or deployments asks for a reload; deployments are remembered as they run and finish.

const RELEVANT = ['status_update_event', 'deployment_info', 'deployment_success', 'deployment_failed',
  'deployment_step_success', 'deployment_step_failure', 'api_post_event', 'app_terminated_event',
  'health_status_changed_event', 'failed_health_check_event', 'unhealthy_task_kill_event', 'leader_elected'];

/** Opens the stream; onChange() after relevant events, onState(connected) as the stream comes and goes. */
export function live({onChange, onState}) {
  const recent = new Map();
  const source = new EventSource('/v2/events');
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  for (const type of RELEVANT) {
    source.addEventListener(type, event => {
      remember(recent, type, JSON.parse(event.data));
      onChange();
    });
  }
  return {recent, close: () => source.close()};
}

function remember(recent, type, e) {
  if (!type.startsWith('deployment_') || !e.plan) return;
  const id = e.plan.id;
  const known = recent.get(id) || {id, status: 'running', at: e.timestamp};
  known.steps = e.plan.steps || known.steps || [];
  known.current = e.currentStep ? (e.currentStep.actions || []) : known.current;
  if (type === 'deployment_success') known.status = 'succeeded';
  if (type === 'deployment_failed') known.status = 'failed';
  known.at = e.timestamp || known.at;
  recent.set(id, known);
}
