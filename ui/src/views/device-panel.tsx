import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNote } from '../components/error-note';
import { LocateButton } from '../components/locate-button';
import { useAction } from '../components/use-action';
import { details, loadDetails } from '../details';
import { live } from '../live';
import { deviceLabel } from '../pool-model';
import { href, onLink } from '../router';
import type { DeviceBrief, NodeBrief } from '../wire';

/** One device: what it is, where it is, and moving it to or from a node. */
export function DevicePanel({ device, onClose }: { device: DeviceBrief; onClose: () => void }) {
  useEffect(() => loadDetails([device.uuid]), [device.uuid]);
  const d = details.value.get(device.uuid);
  const snap = live.value!;
  const podm = snap.podManagers.find((p) => p.uuid === device.podm_id);
  const holder = device.node_id ? snap.nodes.find((n) => n.index === device.node_id && n.podm_id === device.podm_id) : undefined;
  return (
    <div class="device-panel" aria-label="device">
      <header>
        <h2>
          <span class={`swatch t-${device.type ?? 'none'} s-allocated`} title={device.type_source === 'operator' ? 'type set by an admin' : undefined}>
            {device.type ?? 'untyped'}{device.type_source === 'operator' && ' (set by hand)'}
          </span> <code>{deviceLabel(device)}</code>
        </h2>
        <button type="button" class="close" aria-label="close" onClick={onClose}>×</button>
      </header>
      <p class={`state-line s-${device.state}`}>
        {device.state}{device.node_id && <> in server <code>{device.node_id}</code></>}{' '}
        <LocateButton path={`/v1/devices/${device.uuid}/action`} what={`device ${deviceLabel(device)}`} />
      </p>
      {device.maintenance && <p class="maintenance-line" role="status">In maintenance{d?.maintenance_reason ? `: ${d.maintenance_reason}` : ''}. Compose and attach do not take it until an admin clears the flag.</p>}
      <dl>
        <dt>name</dt><dd>{d?.extra.device_name ?? (d ? <span class="muted">not known (10G board)</span> : '…')}</dd>
        <dt>vendor</dt><dd>{d?.extra.vendor_name ?? '—'}</dd>
        <dt>MAC</dt><dd><code>{d?.properties.mac_address ?? '…'}</code></dd>
        <dt>board</dt><dd>{d?.properties.model ?? '…'}</dd>
        <dt>PCIe</dt><dd><code>{d ? [d.properties.pcie_class_code, d.properties.pcie_vendor_id, d.properties.pcie_device_id].map((x) => x ?? '—').join(' ') : '…'}</code></dd>
        <dt>group</dt><dd><code>{device.pooled_group_id}</code></dd>
        <dt>pod manager</dt><dd>{podm?.name ?? device.podm_id}</dd>
        <dt>uuid</dt><dd><code class="small">{device.uuid}</code></dd>
        {d && <><dt>updated</dt><dd>{d.updated_at}</dd></>}
      </dl>
      {holder ? <Detach device={device} node={holder} />
        : device.node_id ? <p class="muted">Server <code>{device.node_id}</code> is not a node of covalence's; manage it first to detach from here.</p>
        : <Attach device={device} nodes={snap.nodes} />}
    </div>
  );
}

function Detach({ device, node }: { device: DeviceBrief; node: NodeBrief }) {
  const action = useAction();
  return (
    <div class="actions">
      <p>In node <a href={href(`nodes/${node.uuid}`)} onClick={onLink}>{node.name}</a>.</p>
      <button type="button" disabled={action.busy} onClick={() => action.run(() => api('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: device.uuid } }))}>
        Detach from {node.name}
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}

/** Any node may be chosen; the API says in words why a move is refused (full, offline, other pod manager). */
function Attach({ device, nodes }: { device: DeviceBrief; nodes: NodeBrief[] }) {
  const action = useAction();
  const ordered = [...nodes].sort((a, b) => Number(a.podm_id !== device.podm_id) - Number(b.podm_id !== device.podm_id) || a.name.localeCompare(b.name));
  const [target, setTarget] = useState('');
  const chosen = target || ordered[0]?.uuid || '';
  if (!nodes.length) return <p class="muted">No node to attach it to yet: compose one.</p>;
  return (
    <form class="actions" onSubmit={(e) => { e.preventDefault(); void action.run(() => api('POST', `/v1/nodes/${chosen}/action`, { attach: { resource_id: device.uuid } })); }}>
      <label>
        Attach to node{' '}
        <select name="node" value={chosen} onChange={(e) => setTarget(e.currentTarget.value)}>
          {ordered.map((n) => <option key={n.uuid} value={n.uuid}>{n.name}{n.podm_id !== device.podm_id ? ' (other pod manager)' : ''}</option>)}
        </select>
      </label>
      <button type="submit" class="primary" disabled={action.busy}>Attach</button>
      <ErrorNote error={action.error} />
    </form>
  );
}
