import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Chip } from '../components/chip';
import { ErrorNote } from '../components/error-note';
import { toast } from '../components/toasts';
import { expand, TypeCountsInput, type TypeCounts } from '../components/type-counts';
import { useAction } from '../components/use-action';
import { details } from '../details';
import { live } from '../live';
import { navigate } from '../router';
import type { ComposePlan, NodeBrief } from '../wire';

/** The dry run being looked at; the picture highlights its server and devices. */
export const plan = signal<ComposePlan | null>(null);

/** Compose by device counts or by flavor: first the plan (a dry run), then the real thing. */
export function ComposePanel() {
  const snap = live.value!;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [podm, setPodm] = useState('');
  const [by, setBy] = useState<'types' | 'flavor'>('types');
  const [counts, setCounts] = useState<TypeCounts>({});
  const [flavor, setFlavor] = useState('');
  const action = useAction();
  const edit = <T,>(set: (v: T) => void) => (v: T) => { set(v); plan.value = null; action.clear(); };

  const free: Record<string, number> = {};
  for (const d of snap.devices) if (d.state === 'free' && d.type && (!podm || d.podm_id === podm)) free[d.type] = (free[d.type] ?? 0) + 1;

  const body = () => ({
    name: name.trim(),
    ...(description.trim() && { description: description.trim() }),
    ...(podm && { podm_id: podm }),
    ...(by === 'flavor' ? { flavor_id: flavor || snap.flavors[0]?.uuid } : { properties: { pci_device: { type: expand(counts) } } }),
  });
  const dryRun = async () => {
    const r = await action.run(() => api<ComposePlan>('POST', '/v1/nodes?dry_run=true', body()));
    plan.value = r?.value ?? null;
  };
  const compose = async () => {
    const r = await action.run(async () => {
      const node = await api<NodeBrief>('POST', '/v1/nodes', body());
      plan.value = null; // before the picture is read again with the node in it
      return node;
    });
    if (!r) return;
    toast({ ok: `Node ${r.value.name} composed on server ${r.value.index}.` });
    navigate('');
  };
  const close = () => { plan.value = null; navigate(''); };
  const p = plan.value;

  return (
    <form class="compose" aria-label="compose" onSubmit={(e) => { e.preventDefault(); void (p ? compose() : dryRun()); }}>
      <header>
        <h2>Compose a node</h2>
        <button type="button" class="close" aria-label="close" onClick={close}>×</button>
      </header>
      <label>Name <input name="name" required value={name} onInput={(e) => edit(setName)(e.currentTarget.value)} /></label>
      <label>Description <input name="description" value={description} onInput={(e) => edit(setDescription)(e.currentTarget.value)} /></label>
      <label>Pod manager{' '}
        <select name="podm" value={podm} onChange={(e) => edit(setPodm)(e.currentTarget.value)}>
          <option value="">any that can</option>
          {snap.podManagers.map((x) => <option key={x.uuid} value={x.uuid}>{x.name}</option>)}
        </select>
      </label>
      <fieldset class="by">
        <label><input type="radio" name="by" checked={by === 'types'} onChange={() => edit(setBy)('types')} /> by device types</label>
        <label><input type="radio" name="by" checked={by === 'flavor'} onChange={() => edit(setBy)('flavor')} disabled={!snap.flavors.length} /> by flavor</label>
      </fieldset>
      {by === 'types'
        ? <TypeCountsInput value={counts} onChange={edit(setCounts)} free={free} />
        : (
          <select name="flavor" aria-label="flavor" value={flavor || snap.flavors[0]?.uuid} onChange={(e) => edit(setFlavor)(e.currentTarget.value)}>
            {snap.flavors.map((x) => <option key={x.uuid} value={x.uuid}>{x.name} — {(x.properties.pci_device?.type ?? []).join(', ') || 'no devices'}</option>)}
          </select>
        )}
      {p && (
        <div class="plan" role="status" aria-label="plan">
          <p>The plan: server <code>{p.index}</code> on {snap.podManagers.find((x) => x.uuid === p.podm_id)?.name ?? p.podm_id}, with {p.devices.length ? `${p.devices.length} device${p.devices.length > 1 ? 's' : ''}` : 'no device'}:</p>
          <div class="slots">{p.devices.map((d) => <Chip key={d.uuid} device={d} detail={details.value.get(d.uuid)} planned />)}</div>
          <p class="muted">Highlighted in the picture. Nothing has changed yet.</p>
        </div>
      )}
      <ErrorNote error={action.error} />
      <div class="buttons">
        {p
          ? <><button type="submit" class="primary" disabled={action.busy}>Compose {name || 'node'}</button><button type="button" onClick={() => { plan.value = null; }}>Change request</button></>
          : <button type="submit" class="primary" disabled={action.busy || !name.trim()}>Show the plan</button>}
      </div>
    </form>
  );
}
