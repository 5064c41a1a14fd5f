import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';
import { CoreError } from '../errors.js';

/** Link-local networks: where clouds serve instance metadata and credentials. */
export const WEBHOOK_DENY_DEFAULT: readonly string[] = ['169.254.0.0/16', 'fe80::/10'];

/**
 * Where webhooks may not be delivered (`--webhook-deny`): by default the link-local networks, where
 * clouds serve instance metadata and credentials. A subscriber chooses the URL, so without this any
 * member could make covalence POST into whatever its host can reach and read the outcome back. The
 * address is checked as the connection is made (after DNS, so a name that later resolves elsewhere is
 * caught too); a literal address at creation already.
 */
export class WebhookTargets {
  private readonly denied = new BlockList();
  /** Connects only to addresses not denied; delivery's one dispatcher. */
  readonly dispatcher: Agent;

  constructor(readonly deny: readonly string[]) {
    for (const cidr of deny) {
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`not a network: '${cidr}' (expected ADDRESS/PREFIX, e.g. 169.254.0.0/16)`);
      this.denied.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
    this.dispatcher = new Agent({ connect: { lookup: (hostname: string, options: LookupOptions, done: LookupDone) => this.lookup(hostname, options, done) } });
  }

  /** Why `address` is refused, or null. */
  private refusal(address: string): string | null {
    const family = isIP(address);
    if (family === 0) return null;
    // BlockList matches an IPv4-mapped IPv6 address (::ffff:a9fe:a9fe) against IPv4 networks too.
    return this.denied.check(address, family === 6 ? 'ipv6' : 'ipv4') ? `webhooks may not be delivered to ${address} (--webhook-deny ${this.deny.join(',')})` : null;
  }

  /** Why a URL naming its host by address is refused, or null (a name is checked as it resolves). */
  refusalOfUrl(url: string): string | null {
    return this.refusal(new URL(url).hostname.replace(/^\[(.*)\]$/, '$1'));
  }

  /** A URL whose host is a denied address is the caller's mistake, refused naming the field. */
  refuseUrl(url: string): void {
    const why = this.refusalOfUrl(url);
    if (why) throw new CoreError('invalid', `Invalid input for field/attribute 'url'. ${why[0]!.toUpperCase()}${why.slice(1)}.`);
  }

  /** Cuts deliveries in flight: a slow receiver does not hold up shutdown, and an unanswered event is sent again later. */
  close(): Promise<void> {
    return this.dispatcher.destroy();
  }

  private lookup(hostname: string, options: LookupOptions, done: LookupDone): void {
    lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return done(err, options.all ? [] : '', 0);
      const why = addresses.map((a) => this.refusal(a.address)).find((w) => w !== null);
      if (why) return done(new Error(`${hostname}: ${why}`), options.all ? [] : '', 0);
      if (options.all) return done(null, addresses);
      done(null, addresses[0]!.address, addresses[0]!.family);
    });
  }
}

type LookupDone = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/** `ADDRESS/PREFIX`, or null when it is not a network. */
export function parseCidr(cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', bits, ...rest] = cidr.trim().split('/');
  const family = isIP(address);
  const prefix = Number(bits);
  if (rest.length > 0 || family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return null;
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}
