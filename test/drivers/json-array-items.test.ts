// Reading a JSON answer's named array element by element, as chunks arrive (drivers/json-array-items.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { JsonArrayItems } from '../../src/drivers/json-array-items.js';

/** Feeds `text` in the given chunks; returns what JSON.parse of the whole would give, rebuilt. */
function read(text: string, cuts: readonly number[] = []): unknown {
  const bytes = Buffer.from(text, 'utf8');
  const items: unknown[] = [];
  const reader = new JsonArrayItems('devices', (item) => items.push(item));
  const at = [0, ...[...cuts].sort((a, b) => a - b).filter((c) => c > 0 && c < bytes.length), bytes.length];
  for (let i = 1; i < at.length; i++) reader.push(bytes.subarray(at[i - 1], at[i]));
  const envelope = reader.end() as Record<string, unknown>;
  if (Array.isArray(envelope.devices) && envelope.devices.length === 0) envelope.devices = items;
  return envelope;
}

const samples = [
  '{"devices": [], "timestamp": "1"}',
  '{"devices":[{"id":"0x1","status":"eeio","s":"a \\"quoted\\" \\\\ back,slash ]}"},{"id":"0x2","n":[1,[2,{"x":null}]]}]}',
  ' { "timestamp" : "t" , "devices" : [ 1 , "two" , true , null , {"a":{}} , [] ] } ',
  '{"other":[{"devices":[1]}],"devices":[{"é":"ü — 日本"}],"z":{"devices":[2]}}',
  '{"dev\\u0069ces":[{"id":"escaped key"}]}',
  // `},` inside elements and strings: a place where an element may end, but does not
  '{"devices":[{"a":{"b":1},"c":"},{\\"},"},{"d":[{"e":2},{"f":3}]},{"g":"x"}],"timestamp":"t"}',
];

describe('JSON array items', () => {
  it('gives what JSON.parse gives, however the answer is cut into chunks', () => {
    for (const text of samples) {
      const whole = JSON.parse(text);
      assert.deepEqual(read(text), whole);
      for (let cut = 1; cut < Buffer.byteLength(text); cut++) assert.deepEqual(read(text, [cut]), whole, `cut at ${cut}: ${text}`);
      assert.deepEqual(read(text, Array.from({ length: Buffer.byteLength(text) }, (_, i) => i)), whole, 'one byte at a time');
    }
  });

  it('gives what JSON.parse gives for any array and envelope (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.jsonValue()), fc.dictionary(fc.string().filter((k) => k !== 'devices' && k !== '__proto__'), fc.jsonValue()), fc.array(fc.nat()),
      (devices, rest, cuts) => {
        const text = JSON.stringify({ ...rest, devices }, null, cuts.length % 2 === 0 ? undefined : 1);
        assert.deepEqual(read(text, cuts.map((c) => c % (Buffer.byteLength(text) + 1))), JSON.parse(text));
      },
    ), { numRuns: 300 });
  });

  it('refuses what is not JSON, as JSON.parse would, and an answer that holds the array twice', () => {
    const bad = [
      '{"devices":[1,]}', '{"devices":[,1]}', '{"devices":[1,,2]}', '{"devices":[1 2]}', '{"devices":[{"id":1}', '{"devices":[1]',
      '{"devices":[1]}}', '{"devices":["open]}', '{"devices":[}]}', '["devices":[1]]', '{"devices":[1]} trailing', '',
      '{"devices":[1],"devices":[2]}',
    ];
    for (const text of bad) assert.throws(() => read(text), SyntaxError, text);
  });

  it('an element that the caller refuses stops the reading with the caller\'s error', () => {
    const reader = new JsonArrayItems('devices', () => { throw new RangeError('refused'); });
    assert.throws(() => reader.push(Buffer.from('{"devices":[{"id":1},')), RangeError);
  });
});
