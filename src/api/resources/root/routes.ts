import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';

/**
 * `GET /` and `GET /v1`: Valence's version documents, with links built from the request's host;
 * and the OpenAPI document of every route.
 */
export const rootRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { tags: ['root'], summary: 'API versions' } }, async (req) => ({
    description: 'covalence: composable infrastructure manager, OpenStack Valence v1 compatible',
    name: 'OpenStack Valence API',
    versions: [{ id: 'v1', links: [{ href: `${base(req)}/v1/`, rel: 'self' }], min_version: '', status: 'CURRENT' }],
  }));

  app.get('/v1', { schema: { tags: ['root'], summary: 'The v1 resources' } }, async (req) => {
    const b = base(req);
    const resource = (name: string) => [{ href: `${b}/v1/${name}/`, rel: 'self' }, { href: `${b}/${name}/`, rel: 'bookmark' }];
    return {
      id: 'v1',
      links: [
        { href: `${b}/v1/`, rel: 'self' },
        { href: 'https://docs.openstack.org/developer/valence/dev/api-spec-v1.html', rel: 'describedby', type: 'text/html' },
        { href: `${b}/v1/openapi.json`, rel: 'describedby', type: 'application/json' },
      ],
      media_types: [{ base: 'application/json', type: 'application/vnd.openstack.valence.v1+json' }],
      nodes: resource('nodes'),
      storages: resource('storages'),
      flavors: resource('flavors'),
      systems: resource('systems'),
      pod_managers: resource('pod_managers'),
      devices: resource('devices'),
    };
  });

  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

function base(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
