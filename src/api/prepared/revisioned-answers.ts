import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PoolRevision } from '../../core/index.js';
import { preferredEncoding } from './accept-encoding.js';
import { ByteLru } from './byte-lru.js';
import { PreparedAnswer } from './prepared-answer.js';

/** What a route builds from the inventory: the payload its response schema serializes, and headers that go with it. */
export interface Built {
  payload: unknown;
  headers?: Record<string, string>;
}

/**
 * GET answers that depend only on the inventory, prepared once per pool revision and request
 * (route, parameters, query, scope), then sent from memory to every client that asks until the
 * next write: serialized once, compressed once per encoding, revalidated with `ETag` and
 * `If-None-Match` (304) without reading the pool. Each request reads the revision, one small query,
 * so another replica's write is seen by the next request. Only the current revision is kept, in a
 * cache bounded by bytes.
 */
export class RevisionedAnswers {
  private revision = -1;
  private readonly cache: ByteLru<PreparedAnswer>;
  /** Answers being built, joined by identical requests meanwhile. */
  private readonly building = new Map<string, Promise<PreparedAnswer>>();

  constructor(private readonly pool: PoolRevision, maxBytes: number) {
    this.cache = new ByteLru(maxBytes);
  }

  /** `scope` names what else the answer depends on (the caller's project where visibility does). */
  async send(req: FastifyRequest, reply: FastifyReply, build: () => Promise<Built>, scope = ''): Promise<FastifyReply> {
    const key = `${req.routeOptions.url} ${canonical(req.params)} ${canonical(req.query)} ${scope}`;
    const revision = await this.pool.current();
    const etag = `W/"${revision.toString(36)}-${createHash('sha1').update(key).digest('base64url').slice(0, 12)}"`;
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).header('etag', etag).send();

    const answer = (revision === this.revision ? this.cache.get(key) : undefined) ?? await this.prepare(revision, key, etag, reply, build);
    const encoding = answer.encodingFor(preferredEncoding(req.headers['accept-encoding']));
    const body = await answer.encodedAs(encoding);
    if (answer.etag) {
      reply.header('etag', answer.etag);
      if (encoding !== 'identity') this.keep(revision, key, answer); // counted again with its new encoding
    }
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.headers(answer.headers).type('application/json; charset=utf-8').send(body);
  }

  private prepare(revision: number, key: string, etag: string, reply: FastifyReply, build: () => Promise<Built>): Promise<PreparedAnswer> {
    const flight = `${revision} ${key}`;
    let building = this.building.get(flight);
    if (!building) {
      building = (async () => {
        const { value, exact } = await this.pool.at(revision, build);
        // Serialized by the route's response schema, exactly as an answer built per request would be.
        const body = Buffer.from(reply.serialize(value.payload) as string);
        // Read across a write, the body is not the pool at `revision`: sent, but neither kept nor tagged.
        const answer = new PreparedAnswer(body, exact ? etag : undefined, value.headers ?? {});
        if (exact) this.keep(revision, key, answer);
        return answer;
      })().finally(() => this.building.delete(flight));
      this.building.set(flight, building);
    }
    return building;
  }

  /** Keeps the answers of the newest revision seen; an older revision's are of no more use. */
  private keep(revision: number, key: string, answer: PreparedAnswer): void {
    if (revision < this.revision) return;
    if (revision > this.revision) {
      this.cache.clear();
      this.revision = revision;
    }
    this.cache.set(key, answer, answer.bytes);
  }
}

/** Parameters or query in one order, so that `?a=1&b=2` and `?b=2&a=1` share an answer. */
function canonical(values: unknown): string {
  return JSON.stringify(Object.entries((values ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `If-None-Match` by weak comparison (RFC 9110 §13.1.2): any listed tag, or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
