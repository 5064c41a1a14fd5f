// When a listing is plausible, distrusted, or confirmed by a second one (core/pool/listing-trust.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FabricDevice, FabricInventory, FabricServer } from '../../src/drivers/index.js';
import { judgeListing, readSuspicion } from '../../src/core/pool/listing-trust.js';

const settings = { listingDropShare: 0.5, listingConfirmMs: 5_000 };
const listing = (servers: string[], devices: string[]): FabricInventory => ({
  servers: servers.map((id) => ({ id }) as FabricServer),
  devices: devices.map((id) => ({ id }) as FabricDevice),
});
const known = { servers: 2, devices: new Set(['d1', 'd2', 'd3', 'd4']) };
const t0 = Date.parse('2026-12-01T00:00:00Z');

describe('listing trust', () => {
  it('a listing that drops up to the share of the devices is plausible; a first pool always is', () => {
    assert.equal(judgeListing(known, listing(['s1', 's2'], ['d1', 'd2']), null, settings, t0).kind, 'plausible');
    assert.equal(judgeListing({ servers: 0, devices: new Set() }, listing([], []), null, settings, t0).kind, 'plausible');
  });

  it('one that lists no server, or drops more than the share, is suspect until the delay is over', () => {
    for (const [given, reason] of [[listing([], ['d1', 'd2', 'd3', 'd4']), /no server/], [listing(['s1'], ['d1']), /drops 3 of the 4/]] as const) {
      const first = judgeListing(known, given, null, settings, t0);
      assert.equal(first.kind, 'suspect');
      if (first.kind !== 'suspect') return;
      assert.match(first.suspicion.reason, reason);
      assert.equal(first.confirmAt, t0 + 5_000);
      assert.equal(judgeListing(known, given, first.suspicion, settings, t0 + 4_999).kind, 'suspect', 'too early');
      assert.equal(judgeListing(known, given, first.suspicion, settings, t0 + 5_000).kind, 'confirmed');
      const other = judgeListing(known, listing([], ['d2']), first.suspicion, settings, t0 + 9_000);
      assert.equal(other.kind, 'suspect', 'a listing of other boards starts over');
      if (other.kind === 'suspect') assert.equal(other.confirmAt, t0 + 14_000);
    }
  });

  it('a stored suspicion that cannot be read is none', () => {
    assert.equal(readSuspicion(null), null);
    assert.equal(readSuspicion('{oops'), null);
    assert.equal(readSuspicion('{"since": 1}'), null);
    assert.deepEqual(readSuspicion('{"since": "a", "boards": "b", "reason": "c"}'), { since: 'a', boards: 'b', reason: 'c' });
  });
});
