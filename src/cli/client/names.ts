import type { ApiClient } from './api.js';
import { UsageError } from './errors.js';
import { printable } from './printable.js';

/** The collections whose records have names, by what the CLI calls a record. */
const NAMED = { node: '/v1/nodes', flavor: '/v1/flavors', 'pod manager': '/v1/pod_managers' } as const;
export type Named = keyof typeof NAMED;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The uuid a name or uuid stands for, found through the collection's `?name=` filter. A uuid is
 * taken as it is (no lookup, so it works for whoever could use it before); a name nothing has is
 * passed on too, so that the API's 404 names it; a name several records share is an error listing them.
 */
export async function resolveName(api: ApiClient, kind: Named, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const matches = await api.get<Array<{ uuid: string }>>(NAMED[kind], { name: ref });
  if (matches.length > 1) {
    throw new UsageError(`${matches.length} ${kind}s are named '${printable(ref)}': ${matches.map((m) => m.uuid).join(', ')}; give one of these uuids instead`);
  }
  return matches[0]?.uuid ?? ref;
}

/** resolveName for an optional flag (`--podm-id`, `--flavor`). */
export function resolveOptionalName(api: ApiClient, kind: Named, ref: string | undefined): Promise<string | undefined> {
  return ref === undefined ? Promise.resolve(undefined) : resolveName(api, kind, ref);
}
