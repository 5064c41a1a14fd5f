import { signal } from '@preact/signals';
import { api } from '../api';
import { Chip } from '../components/chip';
import { ErrorNote } from '../components/error-note';
import { Legend } from '../components/legend';
import { ServerBoxView } from '../components/server-box';
import { toast } from '../components/toasts';
import { details } from '../details';
import { change, changes, live, type Snapshot } from '../live';
import { arrange, countByTypeAndState, deviceLabel, NO_FILTERS, type Filters, type PodmSection, type ServerBox } from '../pool-model';
import { href, navigate, onLink, route } from '../router';
import { DEVICE_STATES, DEVICE_TYPES, type DeviceBrief } from '../wire';
import { ComposePanel, plan } from './compose-panel';
import { DevicePanel } from './device-panel';
import { SyncButton } from '../components/sync-button';

const CHANGED_FOR_MS = 20_000;

const filters = signal<Filters>(NO_FILTERS);
const picked = signal<string | null>(null);

export function PoolView() {
  const snap = live.value;
  const composing = route.value === 'compose';
  const f = filters.value;
  if (!snap) return <p class="muted">Reading the pool…</p>;

  const sections = arrange(snap, f, details.value);
  const inView = snap.devices.filter((d) => !f.podm || d.podm_id === f.podm);
  const device = picked.value ? snap.devices.find((d) => d.uuid === picked.value) : undefined;
  const since = Date.now() - CHANGED_FOR_MS;
  const changed = new Set(changes.value.filter((c) => c.at.getTime() > since).map((c) => c.device.uuid));
  const pick = (d: DeviceBrief) => { picked.value = d.uuid; if (composing) navigate(''); };

  return (
    <div class={`pool-view ${device || composing ? 'with-panel' : ''}`}>
      <div class="pool-main">
        <Toolbar snap={snap} />
        <div class="overview">
          <CountsTable devices={inView} />
          <Legend />
        </div>
        {snap.podManagers.length === 0 && <p class="empty">No pod manager yet. <a href={href('pod-managers')} onClick={onLink}>Add one</a> to see its servers and devices.</p>}
        {sections.map((s) => <PodmPicture key={s.podm.uuid} section={s} selected={picked.value ?? undefined} changed={changed} onPick={pick} />)}
      </div>
      {(device || composing) && (
        <aside class="panel">
          {composing ? <ComposePanel /> : device && <DevicePanel device={device} onClose={() => { picked.value = null; }} />}
        </aside>
      )}
    </div>
  );
}

function Toolbar({ snap }: { snap: Snapshot }) {
  const f = filters.value;
  const set = (patch: Partial<Filters>) => { filters.value = { ...f, ...patch }; };
  const active = f.podm || f.type || f.state || f.q;
  return (
    <div class="toolbar" role="search">
      <select aria-label="pod manager" value={f.podm} onChange={(e) => set({ podm: e.currentTarget.value })}>
        <option value="">every pod manager</option>
        {snap.podManagers.map((p) => <option key={p.uuid} value={p.uuid}>{p.name}</option>)}
      </select>
      <select aria-label="type" value={f.type} onChange={(e) => set({ type: e.currentTarget.value })}>
        <option value="">every type</option>
        {DEVICE_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        <option value="none">untyped</option>
      </select>
      <select aria-label="state" value={f.state} onChange={(e) => set({ state: e.currentTarget.value })}>
        <option value="">every state</option>
        {DEVICE_STATES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <input type="search" aria-label="search" placeholder="id, MAC, vendor, device name…" value={f.q} onInput={(e) => set({ q: e.currentTarget.value })} />
      {active && <button type="button" class="link" onClick={() => { filters.value = NO_FILTERS; }}>clear</button>}
      <span class="grow" />
      <button type="button" class="primary" onClick={() => navigate('compose')}>Compose a node…</button>
    </div>
  );
}

/** Devices by type (rows) and state (columns); a number filters the picture to those devices. */
function CountsTable({ devices }: { devices: DeviceBrief[] }) {
  const counts = countByTypeAndState(devices);
  const show = (type: string, state: string) => { filters.value = { ...filters.value, type, state }; };
  return (
    <table class="counts" aria-label="devices by type and state">
      <thead><tr><th /> {DEVICE_STATES.map((s) => <th key={s}>{s}</th>)}<th>total</th></tr></thead>
      <tbody>
        {Object.entries(counts).map(([type, byState]) => (
          <tr key={type}>
            <th class={`t-${type}`}><span class="swatch s-allocated">{type === 'none' ? 'untyped' : type}</span></th>
            {DEVICE_STATES.map((s) => (
              <td key={s} data-type={type} data-state={s}>
                {byState[s] ? <button type="button" class="link" onClick={() => show(type, s)}>{byState[s]}</button> : <span class="muted">·</span>}
              </td>
            ))}
            <td>{DEVICE_STATES.reduce((n, s) => n + byState[s], 0)}</td>
          </tr>
        ))}
        <tr class="total">
          <th>all</th>
          {DEVICE_STATES.map((s) => <td key={s}>{devices.filter((d) => d.state === s).length}</td>)}
          <td>{devices.length}</td>
        </tr>
      </tbody>
    </table>
  );
}

interface PodmPictureProps {
  section: PodmSection;
  selected?: string;
  changed: ReadonlySet<string>;
  onPick: (d: DeviceBrief) => void;
}

/** One pod manager: its servers as boxes, and beside them the devices in no server. */
function PodmPicture({ section, selected, changed, onPick }: PodmPictureProps) {
  const { podm, servers, loose, fabricError, hiddenServers } = section;
  const p = plan.value?.podm_id === podm.uuid ? plan.value : null;
  const planned = new Set(p?.devices.map((d) => d.uuid));
  const attach = async (nodeUuid: string, deviceUuid: string) => {
    try {
      await change(() => api('POST', `/v1/nodes/${nodeUuid}/action`, { attach: { resource_id: deviceUuid } }));
      toast({ ok: 'Device attached.' });
    } catch (error) {
      toast({ error });
    }
  };
  const manage = async (box: ServerBox) => {
    try {
      await change(() => api('POST', '/v1/nodes/manage', { podm_id: box.podmId, node_index: box.id }));
      toast({ ok: `Server ${box.id} is now a node.` });
    } catch (error) {
      toast({ error });
    }
  };
  return (
    <section class={`podm ${podm.status}`} aria-label={`pod manager ${podm.name}`} data-podm={podm.uuid}>
      <header>
        <h2>{podm.name}</h2>
        <span class={`status ${podm.status}`} title={podm.status_detail ?? ''}>{podm.status}</span>
        <code class="muted">{podm.url}</code>
        <span class="muted">{counted(servers.length + hiddenServers, 'server')} · {counted(servers.filter((x) => x.node).length, 'node')} · {counted(loose.filter((d) => d.state === 'free').length, 'free device')}</span>
        <span class="grow" />
        <SyncButton podm={podm} />
      </header>
      {podm.status !== 'Online' && <p class="warn-line">{podm.status} since the last sync{podm.status_detail && <>: {podm.status_detail}</>}. Servers are drawn as last read.</p>}
      {fabricError && <div class="warn-line">Servers could not be read live; drawn from the pool instead. <ErrorNote error={fabricError} /></div>}
      <div class="picture">
        <div class="servers">
          {servers.map((box) => (
            <ServerBoxView
              key={box.id} box={box} details={details.value} selected={selected} planned={planned} plannedServer={p?.index === box.id}
              changed={changed} onPick={onPick} onDropDevice={attach} onManage={manage}
            />
          ))}
          {servers.length === 0 && <p class="muted">No server {hiddenServers ? 'matches the filters' : 'on this fabric'}.</p>}
          {hiddenServers > 0 && servers.length > 0 && <p class="muted">{hiddenServers} more servers hidden by the filters.</p>}
        </div>
        <section class="loose" aria-label="free pool">
          <h3>Free pool <small class="muted">{loose.filter((d) => d.state === 'free').length} free</small></h3>
          <div class="slots">
            {loose.map((d) => (
              <Chip key={d.uuid} device={d} detail={details.value.get(d.uuid)} selected={selected === d.uuid} planned={planned.has(d.uuid)} changed={changed.has(d.uuid)} onPick={onPick} />
            ))}
            {loose.length === 0 && <span class="muted">nothing loose</span>}
          </div>
          <p class="hint muted">Drag a free chip onto a node's server to attach it.</p>
        </section>
      </div>
      <RecentChanges podmId={podm.uuid} />
    </section>
  );
}

function RecentChanges({ podmId }: { podmId: string }) {
  const mine = changes.value.filter((c) => c.device.podm_id === podmId).slice(0, 6);
  if (!mine.length) return null;
  return (
    <details class="changes" open>
      <summary>Recent changes</summary>
      <ul>
        {mine.map((c) => (
          <li key={`${c.device.uuid}-${c.at.getTime()}`}>
            <time>{c.at.toLocaleTimeString()}</time> {c.device.type ?? 'device'} <code>{deviceLabel(c.device)}</code>{' '}
            {c.from ? `${where(c.from)} → ${where(c.device)}` : `appeared, ${where(c.device)}`}
          </li>
        ))}
      </ul>
    </details>
  );
}

function where(d: { state: string; node_id: string | null }): string {
  return d.node_id ? `${d.state} in ${d.node_id}` : d.state;
}

function counted(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
