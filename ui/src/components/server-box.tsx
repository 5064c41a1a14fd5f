import { useState } from 'preact/hooks';
import { href, onLink } from '../router';
import type { Details, ServerBox } from '../pool-model';
import type { DeviceBrief } from '../wire';
import { Chip } from './chip';
import { LocateButton } from './locate-button';

const SLOTS_DRAWN = 16;

interface ServerBoxProps {
  box: ServerBox;
  details: Details;
  selected?: string;
  planned?: ReadonlySet<string>;
  plannedServer?: boolean;
  changed: ReadonlySet<string>;
  onPick: (d: DeviceBrief) => void;
  /** A free device dropped on a node's server: attach it. */
  onDropDevice: (nodeUuid: string, deviceUuid: string) => void;
  onManage: (box: ServerBox) => void;
}

/** A server (EESV) as a box: its node, its devices as chips, and its empty slots. */
export function ServerBoxView({ box, details, selected, planned, plannedServer, changed, onPick, onDropDevice, onManage }: ServerBoxProps) {
  const [over, setOver] = useState(false);
  const { system, node } = box;
  const max = system?.max_devices;
  const full = max !== undefined && box.occupied >= max;
  const empty = max === undefined ? 0 : Math.max(0, Math.min(max, SLOTS_DRAWN) - box.occupied);
  const classes = ['server', node ? 'composed' : 'bare', full && 'full', over && 'drop', plannedServer && 'planned', system?.power_state === 'off' && 'off'];
  return (
    <section
      class={classes.filter(Boolean).join(' ')}
      data-server={box.id}
      aria-label={`server ${box.id}`}
      onDragOver={(e) => { if (node) { e.preventDefault(); setOver(true); } }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const uuid = e.dataTransfer?.getData('application/x-covalence-device');
        if (node && uuid) { e.preventDefault(); onDropDevice(node.uuid, uuid); }
      }}
    >
      <header>
        <span class={`power ${system?.power_state ?? 'unknown'}`} title={`power ${system?.power_state ?? 'unknown'}`} />
        <code class="server-id">{box.id}</code>
        {system && <span class="badge">{system.type}</span>}
        {full && <span class="badge warn">full</span>}
        {system && <LocateButton path={`/v1/systems/${encodeURIComponent(box.id)}/action?podm_id=${encodeURIComponent(system.podm_id)}`} what={`server ${box.id}`} />}
      </header>
      <div class="host">{system?.host_model || (system ? 'unknown host' : 'not read from the fabric')}</div>
      <div class="node-line">
        {node
          ? <><a class="node-link" href={href(`nodes/${node.uuid}`)} onClick={onLink}>⬢ {node.name}</a>
            {node.state !== 'composed' && <span class={`badge state-${node.state}`} title={node.state_reason ?? undefined}>{node.state}</span>}</>
          : <><span class="muted">not a node</span><button type="button" class="link" onClick={() => onManage(box)}>manage</button></>}
      </div>
      <div class="slots">
        {box.devices.map((d) => (
          <Chip key={d.uuid} device={d} detail={details.get(d.uuid)} selected={selected === d.uuid} planned={planned?.has(d.uuid)} changed={changed.has(d.uuid)} onPick={onPick} />
        ))}
        {Array.from({ length: empty }, (_, i) => <span key={`e${i}`} class="slot" />)}
      </div>
      <footer>{box.occupied}{max !== undefined && ` / ${max}`} devices</footer>
    </section>
  );
}
