import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../core/index.js';
import { callerOf } from '../access.js';
import { redfishErrorBody, toRedfishError } from './errors.js';
import { paths } from './odata.js';

/** What a request answers: its status, headers and body; kept as a task's answer when it ran as one. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Answers now, or, when the client asked for it (`Prefer: respond-async`, RFC 7240), at once with
 * 202 and a task monitor in `Location` that answers 202 until the work ends, then what the request
 * would have answered (DSP0266 task monitors). The 202 has no body: sushy would poll a Task body's
 * own link instead of the monitor.
 */
export async function respond(core: Core, req: FastifyRequest, reply: FastifyReply, work: () => Promise<Answer>): Promise<FastifyReply> {
  if (!/(^|[\s,;])respond-async($|[\s,;])/i.test(String(req.headers.prefer ?? ''))) return send(reply, await work());
  const task = await core.tasks.start(callerOf(req), async () => {
    try {
      return { succeeded: true, answer: JSON.stringify(await work()) };
    } catch (err) {
      const refused = toRedfishError(err as FastifyError, req);
      return { succeeded: false, answer: JSON.stringify({ status: refused.status, body: redfishErrorBody(refused) } satisfies Answer) };
    }
  });
  return reply.code(202).header('location', paths.taskMonitor(task.id)).send();
}

export function send(reply: FastifyReply, answer: Answer): FastifyReply {
  reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  return answer.body === undefined ? reply.send() : reply.send(answer.body);
}
