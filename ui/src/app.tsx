import { useEffect, useState } from 'preact/hooks';
import { token, tokenWanted } from './api';
import { Activity } from './components/activity';
import { ErrorNote } from './components/error-note';
import { Toasts } from './components/toasts';
import { TokenDialog } from './components/token-dialog';
import { live, liveError, startLive, streaming } from './live';
import { href, onLink, route } from './router';
import { FlavorsView } from './views/flavors';
import { NodeView } from './views/node';
import { PodManagersView } from './views/pod-managers';
import { PoolView } from './views/pool';

/** Polling, only while the event stream is down. */
const REFRESH_MS = 5000;
const NAV = [['', 'Pool'], ['pod-managers', 'Pod managers'], ['flavors', 'Flavors']] as const;

function Page() {
  const path = route.value;
  const node = /^nodes\/([^/]+)$/.exec(path);
  if (node) return <NodeView uuid={node[1]} />;
  switch (path) {
    case '':
    case 'compose':
      return <PoolView />;
    case 'pod-managers':
      return <PodManagersView />;
    case 'flavors':
      return <FlavorsView />;
    default:
      return <p>Nothing here. <a href={href('')} onClick={onLink}>Back to the pool</a>.</p>;
  }
}

export function App() {
  const [asking, setAsking] = useState(false);
  useEffect(() => startLive(REFRESH_MS), []);
  const section = route.value.split('/')[0];
  return (
    <>
      <header class="top">
        <a class="brand" href={href('')} onClick={onLink}>covalence</a>
        <nav>
          {NAV.map(([path, label]) => (
            <a key={path} href={href(path)} onClick={onLink} class={section === path || (path === '' && ['compose', 'nodes'].includes(section)) ? 'here' : ''}>{label}</a>
          ))}
        </nav>
        <span class="grow" />
        <span class="muted fresh" data-streaming={streaming.value} title={streaming.value ? 'live: read again on each event' : `event stream down: read again every ${REFRESH_MS / 1000} s and after each change`}>
          {live.value ? `${streaming.value ? 'live, ' : ''}read ${live.value.at.toLocaleTimeString()}` : 'reading…'}
        </span>
        <button type="button" class="link" onClick={() => setAsking(true)}>{token.value ? 'token ✓' : 'token'}</button>
      </header>
      <main>
        <ErrorNote error={liveError.value} />
        <Page />
        <Activity />
      </main>
      {(asking || tokenWanted.value) && <TokenDialog onClose={() => setAsking(false)} />}
      <Toasts />
    </>
  );
}
