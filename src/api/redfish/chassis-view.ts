import type { Device, PooledServer } from '../../core/index.js';
import { serverBlockId } from './block-ids.js';
import { link, paths, PCIE_DEVICE_ID, PCIE_FUNCTION_ID, resource, status } from './odata.js';

/** A server's host, as the chassis its ExpEther board sits in. */
export function serverChassisView(server: PooledServer) {
  const id = serverBlockId(server.podmId, server.serverId);
  return {
    ...resource('Chassis', paths.chassis(id), id, `Host of server board ${server.serverId}`),
    ChassisType: 'RackMount',
    Model: server.hostModel,
    SerialNumber: server.hostSerialNumber,
    PowerState: server.powerOn ? 'On' : 'Off',
    Status: status(server.removedAt !== null ? 'Absent' : server.enabled ? 'Enabled' : 'Disabled', 'OK'),
    Links: { ResourceBlocks: [link(paths.block(id))] },
  };
}

/** An IO box slot: an EEIO board and the one PCIe card behind it. */
export function deviceChassisView(device: Device) {
  return {
    ...resource('Chassis', paths.chassis(device.uuid), device.uuid, `ExpEther IO board ${device.fabricId}`),
    ChassisType: 'Expansion',
    Status: deviceStatus(device),
    PCIeDevices: link(paths.pcieDevices(device.uuid)),
    Links: { ResourceBlocks: [link(paths.block(device.uuid))] },
  };
}

export function pcieDeviceView(device: Device) {
  return {
    ...resource('PCIeDevice', paths.pcieDevice(device.uuid), PCIE_DEVICE_ID, device.deviceName ?? `${device.type ?? 'PCIe'} device ${device.fabricId}`),
    DeviceType: 'SingleFunction',
    ...(device.vendorName !== null && { Manufacturer: device.vendorName }),
    ...(device.deviceName !== null && { Model: device.deviceName }),
    Status: deviceStatus(device),
    PCIeFunctions: link(paths.pcieFunctions(device.uuid)),
    Links: { Chassis: [link(paths.chassis(device.uuid))] },
  };
}

/** PCI base classes (the class code's top byte) by the names of PCIeFunction's DeviceClass. */
const DEVICE_CLASSES = [
  'UnclassifiedDevice', 'MassStorageController', 'NetworkController', 'DisplayController', 'MultimediaController',
  'MemoryController', 'Bridge', 'CommunicationController', 'GenericSystemPeripheral', 'InputDeviceController',
  'DockingStation', 'Processor', 'SerialBusController', 'WirelessController', 'IntelligentController',
  'SatelliteCommunicationsController', 'EncryptionController', 'SignalProcessingController', 'ProcessingAccelerators',
  'NonEssentialInstrumentation',
] as const;

export function deviceClassOf(classCode: string): string {
  const base = (Number.parseInt(classCode, 16) >> 16) & 0xff;
  return DEVICE_CLASSES[base] ?? (base === 0x40 ? 'Coprocessor' : base === 0xff ? 'UnassignedClass' : 'Other');
}

/** The card's ids, as the fabric reported them; a 10G board reports none. */
export function pcieFunctionView(device: Device) {
  return {
    ...resource('PCIeFunction', paths.pcieFunction(device.uuid), PCIE_FUNCTION_ID, `Function ${PCIE_FUNCTION_ID}`),
    FunctionId: Number(PCIE_FUNCTION_ID),
    FunctionType: 'Physical',
    ...(device.pcieClassCode !== null && { ClassCode: device.pcieClassCode, DeviceClass: deviceClassOf(device.pcieClassCode) }),
    ...(device.pcieVendorId !== null && { VendorId: device.pcieVendorId }),
    ...(device.pcieDeviceId !== null && { DeviceId: device.pcieDeviceId }),
    Status: deviceStatus(device),
    Links: { PCIeDevice: link(paths.pcieDevice(device.uuid)) },
  };
}

function deviceStatus(device: Device) {
  switch (device.state) {
    case 'free':
    case 'allocated':
      return status('Enabled', 'OK');
    case 'offline':
      return status('UnavailableOffline', 'Warning');
    case 'removed':
      return status('Absent', 'Critical');
    case 'orphaned':
      return status('Enabled', 'Critical');
    default: {
      const unknown: never = device.state;
      throw new Error(`no status for device state ${String(unknown)}`);
    }
  }
}
