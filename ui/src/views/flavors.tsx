import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNote } from '../components/error-note';
import { expand, tally, TypeCountsInput, type TypeCounts } from '../components/type-counts';
import { useAction } from '../components/use-action';
import { live } from '../live';
import { DEVICE_TYPES, type Flavor } from '../wire';

export function FlavorsView() {
  const snap = live.value;
  if (!snap) return <p class="muted">Reading flavors…</p>;
  return (
    <div class="flavors-view">
      <h1>Flavors</h1>
      <table class="list" aria-label="flavors">
        <thead><tr><th>name</th><th>devices</th><th>memory / processor</th><th>description</th><th>created</th><th /></tr></thead>
        <tbody>
          {snap.flavors.map((f) => <FlavorRow key={f.uuid} flavor={f} />)}
          {snap.flavors.length === 0 && <tr><td colSpan={6} class="muted">None yet.</td></tr>}
        </tbody>
      </table>
      <AddFlavor />
    </div>
  );
}

function FlavorRow({ flavor }: { flavor: Flavor }) {
  const action = useAction();
  const counts = tally(flavor.properties.pci_device?.type);
  const { memory, processor } = flavor.properties;
  return (
    <tr data-flavor={flavor.uuid}>
      <td><strong>{flavor.name}</strong></td>
      <td>
        <div class="swatches">
          {DEVICE_TYPES.filter((t) => counts[t]).map((t) => <span key={t} class={`swatch t-${t} s-allocated`}>{counts[t]}× {t}</span>)}
          {!expand(counts).length && <span class="muted">none</span>}
        </div>
      </td>
      <td class="muted">{[memory && Object.values(memory).join(' '), processor && Object.values(processor).join(' ')].filter(Boolean).join(' · ') || '—'}</td>
      <td>{flavor.description}</td>
      <td>{flavor.created_at}</td>
      <td>
        <button type="button" class="danger" disabled={action.busy} onClick={() => action.run(() => api('DELETE', `/v1/flavors/${flavor.uuid}`))}>Delete</button>
        <ErrorNote error={action.error} />
      </td>
    </tr>
  );
}

function AddFlavor() {
  const action = useAction();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [counts, setCounts] = useState<TypeCounts>({});
  const submit = async () => {
    const r = await action.run(() => api('POST', '/v1/flavors', {
      name: name.trim(),
      ...(description.trim() && { description: description.trim() }),
      properties: { pci_device: { type: expand(counts) } },
    }));
    if (r) { setName(''); setDescription(''); setCounts({}); }
  };
  return (
    <form class="card" aria-label="create a flavor" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>Create a flavor</h2>
      <div class="fields">
        <label>Name <input name="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label>Description <input name="description" value={description} onInput={(e) => setDescription(e.currentTarget.value)} /></label>
      </div>
      <TypeCountsInput value={counts} onChange={setCounts} />
      <button type="submit" class="primary" disabled={action.busy}>Create</button>
      <ErrorNote error={action.error} />
    </form>
  );
}
