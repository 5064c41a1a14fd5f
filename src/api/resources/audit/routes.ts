import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core/index.js';
import { AuditEventView, AuditQuery } from './schemas.js';
import { withErrors } from '../../schemas.js';
import { auditEventView } from './view.js';

/** The audit trail, for admins: newest first, filtered, a page at a time (`limit`, `marker`). */
export const auditRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/audit', {
    schema: { tags: ['audit'], summary: 'Changes asked of covalence: who, project, what, target, result', querystring: AuditQuery, response: withErrors({ 200: Type.Array(AuditEventView) }) },
  }, async (req) => {
    const { limit, marker, since, until, ...filter } = req.query;
    const events = await core.audit.list({
      ...filter,
      ...(since !== undefined && { since: new Date(since).toISOString() }),
      ...(until !== undefined && { until: new Date(until).toISOString() }),
    }, limit === undefined ? 100 : Number(limit), marker);
    return events.map(auditEventView);
  });
};
