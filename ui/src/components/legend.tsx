import { DEVICE_STATES, DEVICE_TYPES } from '../wire';

/** What the colours and fills mean. */
export function Legend() {
  return (
    <div class="legend" aria-label="legend">
      {DEVICE_TYPES.filter((t) => t !== 'Unknown').map((t) => <span key={t} class={`swatch t-${t} s-allocated`}>{t}</span>)}
      <span class="sep" />
      {DEVICE_STATES.map((s) => <span key={s} class={`swatch t-none s-${s}`}>{s}</span>)}
    </div>
  );
}
