import { signal } from '@preact/signals';
import { asErrorBody } from '../api';
import { ErrorNote } from './error-note';

// Outcomes of changes made from the picture itself (a drop, a click), which have no form to show
// them beside. Each stays a while, or until closed.

interface Toast {
  id: number;
  ok?: string;
  error?: ReturnType<typeof asErrorBody>;
}

const toasts = signal<Toast[]>([]);
const STAY_MS = 6000;
const AT_MOST = 3;
let next = 1;

export function toast(outcome: { ok: string } | { error: unknown }): void {
  const t: Toast = 'ok' in outcome ? { id: next++, ok: outcome.ok } : { id: next++, error: asErrorBody(outcome.error) };
  toasts.value = [...toasts.value, t].slice(-AT_MOST);
  setTimeout(() => close(t.id), STAY_MS);
}

function close(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

export function Toasts() {
  return (
    <div class="toasts" aria-live="polite">
      {toasts.value.map((t) => (
        <div key={t.id} class={`toast ${t.ok ? 'ok' : 'bad'}`}>
          {t.ok ? <span>{t.ok}</span> : <ErrorNote error={t.error} />}
          <button type="button" class="close" aria-label="close" onClick={() => close(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
