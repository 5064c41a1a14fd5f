import { useState } from 'preact/hooks';
import { setToken, token, tokenWanted } from '../api';
import { refresh } from '../live';

/** Asked for when the API answers 401, or opened from the header; kept in sessionStorage only. */
export function TokenDialog({ onClose }: { onClose: () => void }) {
  const [value, setValue] = useState('');
  const save = (v: string | null) => { setToken(v); onClose(); void refresh(); };
  return (
    <div class="backdrop" role="dialog" aria-modal="true" aria-label="API token">
      <form class="dialog" aria-label="token" onSubmit={(e) => { e.preventDefault(); save(value.trim() || null); }}>
        <h2>API token</h2>
        <p>{tokenWanted.value ? 'covalence asks who you are (401).' : 'Sent as X-Auth-Token with every request.'} The token is kept in this tab only.</p>
        <input name="token" type="password" autoFocus autoComplete="off" placeholder="token" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <div class="buttons">
          <button type="submit" class="primary">Use this token</button>
          {token.value && <button type="button" onClick={() => save(null)}>Forget the token</button>}
          <button type="button" onClick={() => { tokenWanted.value = false; onClose(); }}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
