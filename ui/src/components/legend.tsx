import { DEVICE_STATES, DEVICE_TYPES } from '../wire';

/** What the colours and fills mean. */
export function Legend() {
  return (
    <dl class="legend" aria-label="legend">
      <dt>type</dt>
      <dd>{DEVICE_TYPES.map((t) => <span key={t} class={`swatch t-${t} s-allocated`}>{t}</span>)}</dd>
      <dt>state</dt>
      <dd>{DEVICE_STATES.map((s) => <span key={s} class={`swatch t-NIC s-${s}`}>{s}</span>)}</dd>
      <dt>server</dt>
      <dd><span class="swatch-box composed">node</span><span class="swatch-box">not a node</span><span class="swatch-box full">full</span><span class="slot" title="an empty slot" /> empty slot</dd>
    </dl>
  );
}
