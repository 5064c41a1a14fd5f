// Request rates of the read endpoints over real HTTP with 1,000 devices in the pool.
import { Agent, request } from 'undici';
import { startStack } from '../support/stack.js';
import { rate, round } from './measure.js';

export interface RateResult { endpoint: string; devices: number; clients: number; requestsPerSecond: number }

export async function benchApiRates({ devices = 1_000, clients = 8, seconds = 5 } = {}): Promise<RateResult[]> {
  const s = await startStack({ topology: { generate: { servers: devices / 10, devices, seed: 5 } } });
  const agent = new Agent({ connections: clients });
  try {
    await s.addPodManager();
    const one = (await s.call('GET', '/v1/devices')).body[0].uuid as string;
    const get = (path: string) => async () => {
      const res = await request(`${s.api}${path}`, { dispatcher: agent });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
    };
    const results: RateResult[] = [];
    for (const [endpoint, path] of [['GET /v1/devices', '/v1/devices'], ['GET /v1/devices/{id}', `/v1/devices/${one}`]] as const) {
      results.push({ endpoint, devices, clients, requestsPerSecond: round(await rate(get(path), clients, seconds), 0) });
    }
    return results;
  } finally {
    await agent.close();
    await s.close();
  }
}
