import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { Heartbeats } from '../../src/core/nodes/heartbeats.js';
import { boundedDriver } from '../../src/core/pool/bounded-driver.js';
import type { PodManagerDriver } from '../../src/drivers/index.js';
import { testLogger } from '../../support/log.js';

describe('heartbeats of running operations', { timeout: 10_000 }, () => {
  it('renew a lease until stopped, and stop by themselves once the operation is not theirs', async () => {
    const renewals = new Map<string, number>();
    const beats = new Heartbeats(20, 60_000, async (id) => {
      renewals.set(id, (renewals.get(id) ?? 0) + 1);
      return id !== 'taken';
    }, testLogger());
    beats.start('mine');
    beats.start('taken');
    await sleep(130);
    assert.ok(renewals.get('mine')! >= 3, `renewed ${renewals.get('mine')} times`);
    assert.equal(renewals.get('taken'), 1, 'one renewal found it taken over and stopped');
    assert.equal(beats.isBeating('taken'), false);
    assert.equal(beats.wasTaken('taken'), true);
    assert.equal(beats.isBeating('mine'), true);
    beats.stopAll();
    const after = renewals.get('mine');
    await sleep(60);
    assert.equal(renewals.get('mine'), after, 'stopped');
  });
});

describe('an operation whose work ended without settling it', { timeout: 10_000 }, () => {
  it('stops renewing once no fabric call was under way for the idle time', async () => {
    let renewals = 0;
    const beats = new Heartbeats(20, 70, async () => (renewals++, true), testLogger());
    beats.start('busy');
    beats.calling('busy', 1);
    beats.start('idle');
    await sleep(200);
    assert.equal(beats.isBeating('busy'), true, 'a call under way keeps it live');
    assert.equal(beats.isBeating('idle'), false);
    beats.stopAll();
    assert.ok(renewals > 0);
  });
});

describe("an operation's driver", () => {
  it('asks before every call whether the operation may still call the fabric', async () => {
    const calls: string[] = [];
    const driver = { device: async (id: string) => calls.push(id) } as unknown as PodManagerDriver;
    let open = true;
    const bounded = boundedDriver(driver, {
      mayCall: (call) => {
        if (!open) throw new Error(`no more: ${call}`);
      },
      calling: () => undefined,
    });
    await bounded.device('0x1');
    open = false;
    await assert.rejects(bounded.device('0x2'), /no more: GET devices\/\{id\}/);
    assert.deepEqual(calls, ['0x1']);
  });
});
