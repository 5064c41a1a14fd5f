import type { ValenceErrorBody } from '../wire';

/** An API error as the API words it: its title and detail, with the request id for the logs. */
export function ErrorNote({ error }: { error: ValenceErrorBody | null | undefined }) {
  if (!error) return null;
  return (
    <div class="error-note" role="alert">
      <strong>{error.title}{error.status ? ` (${error.status})` : ''}</strong>
      <span class="detail">{error.detail}</span>
      {error.request_id && <small>request {error.request_id}</small>}
    </div>
  );
}
