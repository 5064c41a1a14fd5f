import { DEVICE_TYPES, type DeviceType } from '../wire';

export type TypeCounts = Partial<Record<DeviceType, number>>;

/** Counts to the API's list form: {NIC: 2, SSD: 1} → ["NIC", "NIC", "SSD"]. */
export function expand(counts: TypeCounts): DeviceType[] {
  return DEVICE_TYPES.flatMap((t) => Array<DeviceType>(counts[t] ?? 0).fill(t));
}

/** The list form back to counts. */
export function tally(types: readonly DeviceType[] = []): TypeCounts {
  const counts: TypeCounts = {};
  for (const t of types) counts[t] = (counts[t] ?? 0) + 1;
  return counts;
}

/** One number per device type, with how many are free beside it when known. */
export function TypeCountsInput({ value, onChange, free }: { value: TypeCounts; onChange: (v: TypeCounts) => void; free?: Record<string, number> }) {
  return (
    <div class="type-counts">
      {DEVICE_TYPES.map((t) => (
        <label key={t} class={`t-${t}`}>
          <span class="swatch s-allocated">{t}</span>
          <input
            type="number" min={0} max={16} name={`count-${t}`} value={value[t] ?? 0}
            onInput={(e) => onChange({ ...value, [t]: Math.max(0, Number(e.currentTarget.value) || 0) })}
          />
          {free && <small>{free[t] ?? 0} free</small>}
        </label>
      ))}
    </div>
  );
}
