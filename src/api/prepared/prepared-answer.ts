import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './accept-encoding.js';

const compressors: Record<Exclude<Encoding, 'identity'>, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5 of 11: within a few per cent of gzip's speed and smaller; 11 takes seconds on a large pool.
  br: (body) => promisify(brotliCompress)(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }),
  gzip: (body) => promisify(gzip)(body),
};

/** Smaller answers are sent as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A JSON answer serialized once. Its compressed forms are made on first demand, in zlib's thread
 * pool (not on the event loop), and shared by every request that asks while they are made.
 */
export class PreparedAnswer {
  private readonly encoded = new Map<Exclude<Encoding, 'identity'>, Promise<Buffer>>();
  private encodedBytes = 0;

  constructor(
    readonly body: Buffer,
    /** Set when the body is the pool at one revision; an answer read across a write has none. */
    readonly etag: string | undefined,
    /** Headers that belong to the body (a listing's `Link`). */
    readonly headers: Readonly<Record<string, string>>,
  ) {}

  /** What it holds, for the cache's bound. */
  get bytes(): number {
    return this.body.length + this.encodedBytes;
  }

  /** The encoding this answer will actually use for a client that prefers `wanted`. */
  encodingFor(wanted: Encoding): Encoding {
    return this.body.length < COMPRESS_FROM_BYTES ? 'identity' : wanted;
  }

  encodedAs(encoding: Encoding): Promise<Buffer> {
    if (encoding === 'identity') return Promise.resolve(this.body);
    let made = this.encoded.get(encoding);
    if (!made) {
      made = compressors[encoding](this.body);
      this.encoded.set(encoding, made);
      made.then((b) => { this.encodedBytes += b.length; }, () => this.encoded.delete(encoding));
    }
    return made;
  }
}
