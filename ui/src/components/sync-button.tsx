import { useState } from 'preact/hooks';
import { api } from '../api';
import type { PodManager, SyncReport } from '../wire';
import { ErrorNote } from './error-note';
import { useAction } from './use-action';

const COUNTED = ['servers', 'added', 'updated', 'offline', 'removed', 'unchanged', 'deferred'] as const;

/** Syncs one pod manager now and says what the sync changed. */
export function SyncButton({ podm }: { podm: PodManager }) {
  const action = useAction();
  const [report, setReport] = useState<SyncReport | null>(null);
  const sync = async () => {
    const r = await action.run(() => api<SyncReport[]>('POST', '/v1/devices/sync', { podm_id: podm.uuid }));
    setReport(r?.value.find((x) => x.podm_id === podm.uuid) ?? null);
  };
  return (
    <span class="sync">
      <button type="button" disabled={action.busy} onClick={sync}>{action.busy ? 'Syncing…' : 'Sync'}</button>
      {report && <SyncSummary report={report} />}
      <ErrorNote error={action.error} />
    </span>
  );
}

function SyncSummary({ report }: { report: SyncReport }) {
  return (
    <span class={`sync-report ${report.status}`} role="status">
      <strong>{report.status}</strong>
      {COUNTED.filter((k) => report[k] !== undefined).map((k) => (
        <span key={k} class={report[k] && k !== 'unchanged' && k !== 'servers' ? 'moved' : ''}>{k} {report[k]}</span>
      ))}
      {report.detail && <span class="detail">{report.detail}</span>}
    </span>
  );
}
