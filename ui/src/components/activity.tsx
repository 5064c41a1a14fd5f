import { activity, streaming } from '../live';

/** What covalence changed or observed, newest first, as the event stream brings it. */
export function Activity() {
  const events = activity.value;
  return (
    <details class="activity" open>
      <summary>Activity {streaming.value ? '' : '(stream down: polling)'}</summary>
      {events.length === 0 ? <p class="muted">Nothing yet: changes appear here as they happen.</p> : (
        <ol aria-label="activity">
          {events.map((e) => (
            <li key={e.seq} data-kind={e.kind}>
              <time>{new Date(e.time).toLocaleTimeString()}</time> <code>{e.kind}</code> {e.target.slice(0, 8)}
              {e.after && 'state' in e.after ? ` → ${String(e.after.state)}` : ''}
              {e.caller ? <span class="muted"> by {e.caller}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
