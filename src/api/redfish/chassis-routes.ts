import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CoreError, type Core, type Device } from '../../core/index.js';
import { parseBlockId, serverBlockId } from './block-ids.js';
import { deviceChassisView, pcieDeviceView, pcieFunctionView, serverChassisView } from './chassis-view.js';
import { notFound } from './not-found.js';
import { collection, paths, PCIE_DEVICE_ID, PCIE_FUNCTION_ID, route } from './odata.js';
import { IdParams } from './params.js';

const hide = true;
const PcieParams = Type.Composite([IdParams, Type.Object({ device: Type.String({ maxLength: 16 }) })]);
const FunctionParams = Type.Composite([PcieParams, Type.Object({ fn: Type.String({ maxLength: 16 }) })]);

/** A chassis per board: a server's host, or an IO board with its PCIe card (its device and function). */
export const chassisRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get(route(paths.chassisCollection), { schema: { hide } }, async () => {
    const [servers, devices] = await Promise.all([core.servers.list(), core.devices.list({}).then((p) => p.devices)]);
    const ids = [...servers.map((s) => serverBlockId(s.podmId, s.serverId)), ...devices.map((d) => d.uuid)];
    return collection('ChassisCollection', paths.chassisCollection, 'Chassis', ids.map(paths.chassis));
  });

  app.get(route(paths.chassis(':id')), { schema: { hide, params: IdParams } }, async (req) => {
    const ref = parseBlockId(req.params.id);
    if (ref.kind === 'device') return deviceChassisView(await deviceOf(core, req.params.id));
    const server = (await core.servers.list()).find((s) => s.podmId === ref.podmId && s.serverId === ref.serverId);
    if (!server) throw notFound('Chassis', req.params.id);
    return serverChassisView(server);
  });

  app.get(route(paths.pcieDevices(':id')), { schema: { hide, params: IdParams } }, async (req) => {
    const device = await deviceOf(core, req.params.id);
    return collection('PCIeDeviceCollection', paths.pcieDevices(device.uuid), 'PCIe devices', [paths.pcieDevice(device.uuid)]);
  });

  app.get(route(`${paths.pcieDevices(':id')}/:device`), { schema: { hide, params: PcieParams } }, async (req) => {
    return pcieDeviceView(await pcieOf(core, req.params));
  });

  app.get(route(`${paths.pcieDevices(':id')}/:device/PCIeFunctions`), { schema: { hide, params: PcieParams } }, async (req) => {
    const device = await pcieOf(core, req.params);
    return collection('PCIeFunctionCollection', paths.pcieFunctions(device.uuid), 'PCIe functions', [paths.pcieFunction(device.uuid)]);
  });

  app.get(route(`${paths.pcieDevices(':id')}/:device/PCIeFunctions/:fn`), { schema: { hide, params: FunctionParams } }, async (req) => {
    if (req.params.fn !== PCIE_FUNCTION_ID) throw notFound('PCIeFunction', req.params.fn);
    return pcieFunctionView(await pcieOf(core, req.params));
  });
};

/** Only IO boards have PCIe devices; a server's chassis id, or an unknown one, is not found. */
async function deviceOf(core: Core, id: string): Promise<Device> {
  if (parseBlockId(id).kind !== 'device') throw notFound('Chassis', id);
  try {
    return await core.devices.get(id);
  } catch (err) {
    throw err instanceof CoreError && err.kind === 'not_found' ? notFound('Chassis', id) : err;
  }
}

async function pcieOf(core: Core, params: { id: string; device: string }): Promise<Device> {
  if (params.device !== PCIE_DEVICE_ID) throw notFound('PCIeDevice', params.device);
  return deviceOf(core, params.id);
}
