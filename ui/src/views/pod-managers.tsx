import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNote } from '../components/error-note';
import { SyncButton } from '../components/sync-button';
import { toast } from '../components/toasts';
import { useAction } from '../components/use-action';
import { live } from '../live';
import type { PodManager } from '../wire';

export function PodManagersView() {
  const snap = live.value;
  if (!snap) return <p class="muted">Reading pod managers…</p>;
  return (
    <div class="podms-view">
      <h1>Pod managers</h1>
      <table class="list" aria-label="pod managers">
        <thead><tr><th>name</th><th>status</th><th>url</th><th>user</th><th>devices</th><th>nodes</th><th>last sync</th><th /></tr></thead>
        <tbody>
          {snap.podManagers.map((p) => (
            <tr key={p.uuid} data-podm={p.uuid}>
              <td class="nowrap"><strong>{p.name}</strong>{p.description && <div class="muted">{p.description}</div>}{p.location && <div class="muted">{p.location}</div>}</td>
              <td><span class={`status ${p.status}`}>{p.status}</span>{p.status_detail && <div class="muted small">{p.status_detail}</div>}</td>
              <td><code>{p.url}</code></td>
              <td>{p.authentication[0]?.auth_items.username}</td>
              <td>{snap.devices.filter((d) => d.podm_id === p.uuid && d.state !== 'removed').length}</td>
              <td>{snap.nodes.filter((n) => n.podm_id === p.uuid).length}</td>
              <td>{p.last_sync_at ?? 'never'}</td>
              <td><div class="row-actions"><SyncButton podm={p} /><DeleteButton podm={p} /></div></td>
            </tr>
          ))}
          {snap.podManagers.length === 0 && <tr><td colSpan={8} class="muted">None yet.</td></tr>}
        </tbody>
      </table>
      <AddPodManager />
    </div>
  );
}

/** A pod manager with nodes is refused (409, in the API's words); then deleting anyway is offered. */
function DeleteButton({ podm }: { podm: PodManager }) {
  const action = useAction();
  const [sure, setSure] = useState(false);
  const refused = action.error?.status === 409;
  const del = async (force: boolean) => {
    if (!sure) return setSure(true);
    const r = await action.run(() => api('DELETE', `/v1/pod_managers/${podm.uuid}${force ? '?force=true' : ''}`));
    if (r) toast({ ok: `Pod manager ${podm.name} deleted.` });
  };
  return (
    <span class="delete">
      <button type="button" class="danger" disabled={action.busy} onClick={() => del(false)}>{sure ? `Really delete ${podm.name}?` : 'Delete'}</button>
      {refused && <button type="button" class="danger" disabled={action.busy} onClick={() => del(true)}>Delete anyway</button>}
      <ErrorNote error={action.error} />
    </span>
  );
}

const EMPTY = { name: '', url: '', username: '', password: '', description: '', location: '' };

/** The password goes to the API once and is never shown back (the API answers "***"). */
function AddPodManager() {
  const action = useAction();
  const [form, setForm] = useState(EMPTY);
  const field = (key: keyof typeof EMPTY, label: string, required = true) => {
    const common = {
      name: key, required, value: form[key], placeholder: key === 'url' ? 'http://eem.example:30500/eem' : '',
      onInput: (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [key]: e.currentTarget.value }),
    };
    return <label>{label}{key === 'password' ? <input type="password" autoComplete="new-password" {...common} /> : <input type="text" autoComplete="off" {...common} />}</label>;
  };
  const submit = async () => {
    const r = await action.run(() => api<PodManager>('POST', '/v1/pod_managers', {
      name: form.name.trim(),
      url: form.url.trim(),
      driver: 'expether',
      authentication: [{ type: 'basic', auth_items: { username: form.username, password: form.password } }],
      ...(form.description.trim() && { description: form.description.trim() }),
      ...(form.location.trim() && { location: form.location.trim() }),
    }));
    if (!r) return;
    setForm(EMPTY);
    toast({ ok: `Pod manager ${r.value.name} added: ${r.value.status}${r.value.status_detail ? ` — ${r.value.status_detail}` : ''}.` });
  };
  return (
    <form class="card add-podm" aria-label="add a pod manager" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>Add a pod manager <small class="muted">ExpEther Manager</small></h2>
      <div class="fields">
        {field('name', 'Name')}
        {field('url', 'EEM URL')}
        {field('username', 'Username')}
        {field('password', 'Password')}
        {field('description', 'Description', false)}
        {field('location', 'Location', false)}
      </div>
      <button type="submit" class="primary" disabled={action.busy}>Add</button>
      <ErrorNote error={action.error} />
    </form>
  );
}
