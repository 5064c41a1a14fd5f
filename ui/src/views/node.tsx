import { useEffect, useState } from 'preact/hooks';
import { api, asErrorBody } from '../api';
import { Chip } from '../components/chip';
import { ErrorNote } from '../components/error-note';
import { toast } from '../components/toasts';
import { useAction } from '../components/use-action';
import { details, loadDetails } from '../details';
import { live } from '../live';
import { deviceLabel } from '../pool-model';
import { navigate } from '../router';
import type { DeviceBrief, NodeDetail, ValenceErrorBody } from '../wire';
import { RegisterForm } from './register-form';

/** A composed node: its server, its devices, and what can be done with it. */
export function NodeView({ uuid }: { uuid: string }) {
  const [node, setNode] = useState<NodeDetail | null>(null);
  const [error, setError] = useState<ValenceErrorBody | null>(null);
  const snap = live.value;
  // Read again whenever the pool was read again: after a change and at the refresh interval.
  useEffect(() => {
    let current = true;
    api<NodeDetail>('GET', `/v1/nodes/${encodeURIComponent(uuid)}`)
      .then((n) => { if (current) { setNode(n); setError(null); loadDetails(n.devices.map((d) => d.uuid)); } })
      .catch((err) => { if (current) setError(asErrorBody(err)); });
    return () => { current = false; };
  }, [uuid, snap]);

  if (error && (!node || error.status === 404)) return <div class="node-view"><h1>Node</h1><ErrorNote error={error} /></div>;
  if (!node) return <p class="muted">Reading the node…</p>;
  const podm = snap?.podManagers.find((p) => p.uuid === node.podm_id);
  return (
    <div class="node-view">
      <header class="title">
        <h1>⬢ {node.name}</h1>
        <span class={`badge state-${node.state}`}>{node.state}</span>
        {node.managed_by && <span class="badge">managed by {node.managed_by}</span>}
        <span class="grow" />
        <Decompose node={node} />
      </header>
      {node.state_reason && <p class={`warn-line state-reason s-${node.state}`}>{node.state === 'lost' ? 'Lost' : 'Degraded'}: {node.state_reason}</p>}
      {node.description && <p>{node.description}</p>}
      <ErrorNote error={error} />
      {node.fabric_error && <p class="warn-line">The fabric could not be read: {node.fabric_error}</p>}
      <div class="node-grid">
        <section class="card">
          <h2>Server</h2>
          <dl>
            <dt>server</dt><dd><code>{node.index}</code></dd>
            <dt>pod manager</dt><dd>{podm?.name ?? node.podm_id}</dd>
            <dt>host</dt><dd>{node.host_model || '—'}</dd>
            <dt>board</dt><dd>{node.type ?? '—'}</dd>
            <dt>power</dt><dd><span class={`power ${node.power_state ?? 'unknown'}`} /> {node.power_state ?? '—'}</dd>
            <dt>MAC</dt><dd><code>{node.mac_address ?? '—'}</code></dd>
            <dt>group</dt><dd><code>{node.pooled_group_id ?? '—'}</code></dd>
            <dt>uuid</dt><dd><code class="small">{node.uuid}</code></dd>
            <dt>created</dt><dd>{node.created_at}</dd>
          </dl>
        </section>
        <section class="card" aria-label="node devices">
          <h2>Devices <small class="muted">{node.devices.length}{node.max_devices !== undefined && ` of ${node.max_devices}`}</small></h2>
          <ul class="device-rows">
            {node.devices.map((d) => <DeviceRow key={d.uuid} node={node} device={d} />)}
            {node.devices.length === 0 && <li class="muted">No device attached.</li>}
          </ul>
          <AttachDevice node={node} />
        </section>
        <section class="card">
          <h2>Register with Ironic</h2>
          <RegisterForm node={node} />
        </section>
      </div>
    </div>
  );
}

function DeviceRow({ node, device }: { node: NodeDetail; device: DeviceBrief }) {
  const action = useAction();
  const d = details.value.get(device.uuid);
  return (
    <li>
      <Chip device={device} detail={d} />
      <span class="grow">{d?.extra.device_name ?? deviceLabel(device)} <small class="muted">{d?.properties.mac_address}</small></span>
      <button type="button" disabled={action.busy} onClick={() => action.run(() => api('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: device.uuid } }))}>Detach</button>
      <ErrorNote error={action.error} />
    </li>
  );
}

/** Free devices of the node's pod manager first; any other device may be tried and the API says why not. */
function AttachDevice({ node }: { node: NodeDetail }) {
  const action = useAction();
  const snap = live.value;
  const [choice, setChoice] = useState('');
  const candidates = (snap?.devices ?? [])
    .filter((d) => d.node_id !== node.index && d.state !== 'removed')
    .sort((a, b) => rank(a, node) - rank(b, node) || deviceLabel(a).localeCompare(deviceLabel(b)));
  const chosen = choice || candidates[0]?.uuid || '';
  if (!candidates.length) return null;
  return (
    <form class="actions" onSubmit={(e) => { e.preventDefault(); void action.run(() => api('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: chosen } })); }}>
      <label>Attach{' '}
        <select name="device" value={chosen} onChange={(e) => setChoice(e.currentTarget.value)}>
          {candidates.map((d) => (
            <option key={d.uuid} value={d.uuid}>
              {d.type ?? 'untyped'} {deviceLabel(d)} — {details.value.get(d.uuid)?.extra.device_name ?? ''} ({d.state}{d.podm_id !== node.podm_id ? ', other pod manager' : ''})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary" disabled={action.busy}>Attach</button>
      <ErrorNote error={action.error} />
    </form>
  );
}

function rank(d: DeviceBrief, node: NodeDetail): number {
  return (d.podm_id === node.podm_id ? 0 : 2) + (d.state === 'free' ? 0 : 1);
}

function Decompose({ node }: { node: NodeDetail }) {
  const action = useAction();
  const [sure, setSure] = useState(false);
  const go = async () => {
    if (!sure) return setSure(true);
    const r = await action.run(() => api('DELETE', `/v1/nodes/${node.uuid}`));
    if (r) {
      toast({ ok: `Node ${node.name} decomposed; its devices are back in the pool.` });
      navigate('');
    }
  };
  return (
    <span class="decompose">
      {sure && <button type="button" onClick={() => setSure(false)}>Keep it</button>}
      <button type="button" class="danger" disabled={action.busy} onClick={go}>{sure ? `Really decompose ${node.name}?` : 'Decompose…'}</button>
      <ErrorNote error={action.error} />
    </span>
  );
}
