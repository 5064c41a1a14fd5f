import { useState } from 'preact/hooks';
import { asErrorBody } from '../api';
import { change } from '../live';
import type { ValenceErrorBody } from '../wire';

/**
 * One change an operator can make from a view: while it runs its button is busy, its refusal is
 * kept to show in the API's words, and the picture refreshes after it either way.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ValenceErrorBody | null>(null);
  /** The action's answer wrapped (it may itself be empty), or null when the API refused it. */
  async function run<T>(action: () => Promise<T>): Promise<{ value: T } | null> {
    setBusy(true);
    setError(null);
    try {
      return { value: await change(action) };
    } catch (err) {
      setError(asErrorBody(err));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, clear: () => setError(null) };
}
