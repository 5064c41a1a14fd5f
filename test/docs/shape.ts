// Comparing an answer with the one a page shows: the same keys (values differ: ids, times), and the
// real ids behind the page's, so that its later commands can be run with them.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An id as the pages write it: whole, or its first 8 digits and `-…` or `…`. */
const SHOWN_ID = /\b([0-9a-f]{8})(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|-?…)/g;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isRecord = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A page's JSON, where `…` stands for records left out of a list. */
export function parseShown(text: string): Json {
  return JSON.parse(text.replace(/,\s*…\s*(?=[\]}])/g, '')) as Json;
}

/** Each key the page shows that the answer lacks, and the other way round, by path; [] when alike. */
export function shapeDiff(shown: Json, real: Json, path = '$'): string[] {
  if (Array.isArray(shown)) {
    if (!Array.isArray(real)) return [`${path}: a list on the page, not in the answer`];
    return shown.length > 0 && real.length > 0 ? shapeDiff(shown[0]!, real[0]!, `${path}[0]`) : [];
  }
  if (!isRecord(shown)) return [];
  if (!isRecord(real)) return [`${path}: a record on the page, not in the answer`];
  return [
    ...Object.keys(shown).filter((k) => !(k in real)).map((k) => `${path}.${k}: on the page, not in the answer`),
    ...Object.keys(real).filter((k) => !(k in shown)).map((k) => `${path}.${k}: in the answer, not on the page`),
    ...Object.keys(shown).filter((k) => k in real).flatMap((k) => shapeDiff(shown[k]!, real[k]!, `${path}.${k}`)),
  ];
}

/** Records the real uuid at each place where the page shows one; list items are paired by resource_uri. */
export function learnIds(shown: Json, real: Json, ids: Map<string, string>): void {
  if (typeof shown === 'string' && typeof real === 'string') {
    const m = new RegExp(`^${SHOWN_ID.source}$`).exec(shown);
    if (m && UUID.test(real)) ids.set(m[1]!, real);
  } else if (Array.isArray(shown) && Array.isArray(real)) {
    shown.forEach((s, i) => learnIds(s, (isRecord(s) && 'resource_uri' in s ? real.find((r) => isRecord(r) && r.resource_uri === s.resource_uri) : real[i]) ?? null, ids));
  } else if (isRecord(shown) && isRecord(real)) {
    for (const k of Object.keys(shown)) if (k in real) learnIds(shown[k]!, real[k]!, ids);
  }
}

/** The page's ids in a command replaced by the real ones learnt so far. */
export function withIds(command: string, ids: ReadonlyMap<string, string>): string {
  return command.replace(SHOWN_ID, (id, prefix: string) => ids.get(prefix) ?? id);
}
