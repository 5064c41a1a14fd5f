import diagnostics from 'node:diagnostics_channel';
import type { Metrics } from './metrics.js';

/** Who an origin is, for the labels of outbound calls. */
interface Target { readonly target: 'eem' | 'ironic' | 'keystone'; readonly podm: string }

interface UndiciRequest { origin?: string | URL; method?: string; path?: string }

/**
 * Times every HTTP call covalence makes to an EEM or to Ironic, through undici's diagnostics
 * channels, so that neither the drivers nor the provisioner carry metrics code. Only origins
 * registered with `watch` are recorded; the operation is the method and the path with ids
 * replaced by placeholders.
 */
export class OutboundCalls {
  private readonly targets = new Map<string, Target>();
  private readonly started = new WeakMap<object, number>();

  private readonly listeners: Array<[string, (msg: unknown) => void]> = [
    ['undici:request:create', (msg) => {
      const { request } = msg as { request: UndiciRequest };
      if (this.targetOf(request)) this.started.set(request, performance.now());
    }],
    ['undici:request:headers', (msg) => {
      const { request, response } = msg as { request: UndiciRequest; response: { statusCode: number } };
      this.record(request, `${Math.floor(response.statusCode / 100)}xx`);
    }],
    ['undici:request:error', (msg) => {
      const { request, error } = msg as { request: UndiciRequest; error: { code?: string } };
      this.record(request, /TIMEOUT/.test(error.code ?? '') ? 'timeout' : 'error');
    }],
  ];

  constructor(private readonly metrics: Metrics) {
    for (const [channel, listener] of this.listeners) diagnostics.subscribe(channel, listener);
  }

  close(): void {
    for (const [channel, listener] of this.listeners) diagnostics.unsubscribe(channel, listener);
  }

  watch(url: string, target: Target['target'], podm = ''): void {
    this.targets.set(new URL(url).origin, { target, podm });
  }

  private targetOf(request: UndiciRequest): Target | undefined {
    if (!request.origin) return undefined;
    return this.targets.get(new URL(String(request.origin)).origin);
  }

  private record(request: UndiciRequest, outcome: string): void {
    const start = this.started.get(request);
    const target = this.targetOf(request);
    if (start === undefined || !target) return;
    this.started.delete(request);
    this.metrics.outboundCalls.observe(
      { target: target.target, podm: target.podm, operation: `${request.method} ${template(request.path ?? '')}`, outcome },
      (performance.now() - start) / 1000,
    );
  }
}

/** `/eem/devices/0x8cdf9d535b14/group_id?x=1` → `/eem/devices/{id}/group_id`. */
function template(path: string): string {
  return path.split('?')[0]!
    .replace(/\/0x[0-9a-f]+/gi, '/{id}')
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '/{uuid}');
}
