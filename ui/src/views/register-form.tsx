import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNote } from '../components/error-note';
import { useAction } from '../components/use-action';
import { REGISTER_TARGETS, type NodeDetail, type NodeRecord } from '../wire';

const DRIVER_INFO_HINT = 'ipmi_address=10.0.0.21\nipmi_username=admin\nipmi_password=…';

/** `key=value` lines to driver_info; a value that reads as JSON (a number, true) is taken as such. */
function parseDriverInfo(text: string): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`driver_info line '${line}' is not key=value.`);
    const raw = line.slice(at + 1).trim();
    info[line.slice(0, at).trim()] = /^(-?\d+(\.\d+)?|true|false|null)$/.test(raw) ? JSON.parse(raw) : raw;
  }
  return info;
}

/** Hands the node to Ironic: POST /v1/nodes/{uuid}/register. Passwords typed here are not shown back. */
export function RegisterForm({ node }: { node: NodeDetail }) {
  const action = useAction();
  const [driver, setDriver] = useState('');
  const [info, setInfo] = useState('');
  const [macs, setMacs] = useState(node.mac_address ?? '');
  const [target, setTarget] = useState('');
  const [record, setRecord] = useState<NodeRecord | null>(null);
  const submit = async () => {
    const r = await action.run(async () => api<NodeRecord>('POST', `/v1/nodes/${node.uuid}/register`, {
      driver_info: parseDriverInfo(info),
      ...(driver.trim() && { driver: driver.trim() }),
      ...(macs.trim() && { macs: macs.split(/[\s,]+/).filter(Boolean) }),
      ...(target && { provision_state: target }),
    }));
    if (r) setRecord(r.value);
  };
  return (
    <form class="register" aria-label="register with Ironic" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>Driver <input name="driver" placeholder="the server's default (ipmi unless configured)" value={driver} onInput={(e) => setDriver(e.currentTarget.value)} /></label>
      <label>driver_info <small class="muted">one key=value a line</small>
        <textarea name="driver_info" rows={4} placeholder={DRIVER_INFO_HINT} value={info} onInput={(e) => setInfo(e.currentTarget.value)} />
      </label>
      <label>MAC addresses <small class="muted">for Ironic's ports</small> <input name="macs" value={macs} onInput={(e) => setMacs(e.currentTarget.value)} /></label>
      <label>Provision state{' '}
        <select name="provision_state" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">Ironic's default (enroll)</option>
          {REGISTER_TARGETS.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      <button type="submit" class="primary" disabled={action.busy}>Register</button>
      <ErrorNote error={action.error} />
      {record && (
        <p class="ok-line" role="status">
          Registered as Ironic node <code>{record.ironic_uuid ?? '?'}</code>
          {record.provision_state && <>, {record.provision_state}</>}
          {record.ports?.length ? <>, ports {record.ports.map((p) => p.address).join(', ')}</> : null}.
        </p>
      )}
    </form>
  );
}
