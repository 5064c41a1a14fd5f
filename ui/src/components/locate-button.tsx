import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNote } from './error-note';
import { useAction } from './use-action';

/**
 * Lights a board's locate (UID) LED for someone at the rack, and puts it out again. The API does
 * not report the LED, so the button remembers what it last asked for.
 */
export function LocateButton({ path, what }: { path: string; what: string }) {
  const action = useAction();
  const [lit, setLit] = useState(false);
  const toggle = async () => {
    if (await action.run(() => api('POST', path, { locate: { on: !lit } }))) setLit(!lit);
  };
  return (
    <span class="locate">
      <button type="button" class={`link${lit ? ' lit' : ''}`} disabled={action.busy} title={`the locate LED of ${what}'s board`} onClick={() => void toggle()}>
        {lit ? 'stop locating' : 'locate'}
      </button>
      <ErrorNote error={action.error} />
    </span>
  );
}
