import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { SecretBox } from '../../src/core/access/secret-box.js';

const REQUEST = '{"driverInfo":{"ipmi_address":"10.0.0.21","ipmi_password":"bmc-Pass-77"},"macs":[]}';

it("a register request's stored digest is keyed: the same text under another key, or a plain hash, does not match", () => {
  const box = new SecretBox(randomBytes(32));
  const digest = box.mac(REQUEST);
  assert.ok(box.matches(REQUEST, digest));
  assert.ok(!box.matches(REQUEST.replace('77', '78'), digest), 'a different password is a different request');
  assert.notEqual(digest, createHash('sha256').update(REQUEST).digest('hex'), 'not guessable offline with a plain hash');
  assert.ok(!new SecretBox(randomBytes(32)).matches(REQUEST, digest), 'another key does not match');
  assert.ok(!box.matches(REQUEST, 'zz'), 'garbage does not match (and does not throw)');
});

it('during a key rotation a digest made under the old key still matches', () => {
  const oldKey = randomBytes(32);
  const digest = new SecretBox(oldKey).mac(REQUEST);
  assert.ok(new SecretBox(randomBytes(32), oldKey).matches(REQUEST, digest));
});
