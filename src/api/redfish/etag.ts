import { createHash } from 'node:crypto';

/**
 * A weak ETag of what a representation says: it changes when the resource does, so a PATCH with an
 * `If-Match` taken from an older read is refused (412) instead of undoing a change it never saw.
 */
export function etagOf(body: object): string {
  const { ['@odata.etag']: _ignored, ...rest } = body as Record<string, unknown>;
  return `W/"${createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 16)}"`;
}

/** The representation with its `@odata.etag`, which equals the `ETag` header it is sent with. */
export function withEtag<T extends object>(body: T): T & { '@odata.etag': string } {
  return { ...body, '@odata.etag': etagOf(body) };
}

/** `If-Match`: `*`, or any listed tag, weak or strong (sushy retries with the strong form). */
export function etagMatches(ifMatch: string, current: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(current));
}
