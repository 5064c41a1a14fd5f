import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema, Static } from '@sinclair/typebox';
import type {
  DriverConnection, FabricDevice, FabricGroup, FabricInventory, FabricServer, GroupChange, PodManagerDriver,
} from '../driver.js';
import { FabricError } from '../fabric-error.js';
import type { PciIds } from '../pci-ids.js';
import { EemClient } from './eem-client.js';
import { EEIO_FREE_GROUP, EESV_DEFAULT_GROUP, GroupAnswer, IdList, LedAnswer, Listing, OneBoard, OneOfListing, type EemBoard } from './eem-wire.js';
import { deviceTypeOfClass } from './pci-class.js';

/** NEC ExpEther through the EEM REST API (see ../shared/reference/eem-api.md). */
export class ExpEtherDriver implements PodManagerDriver {
  private readonly eem: EemClient;

  constructor(conn: DriverConnection, private readonly pciIds: PciIds) {
    this.eem = new EemClient(conn);
  }

  /** Every EEM answers api_version; a 404 there means the URL is not an EEM's base path, whatever else answers. */
  async probe(): Promise<void> {
    try {
      await this.eem.send('GET', 'api_version', 'GET api_version');
    } catch (err) {
      if (!(err instanceof FabricError && err.fabricStatus === 404)) throw err;
      throw new FabricError('bad_response', err.call, 'GET api_version answered 404, so this URL is not an EEM base path (an EEM\'s is like http://10.0.0.5:30500/eem)', undefined, 404);
    }
  }

  /** Two calls whatever the pool size: one listing of EESVs, one of EEIOs. */
  async inventory(): Promise<FabricInventory> {
    const [servers, devices] = await Promise.all([this.servers(), this.listBoards('status', 'eeio', (b) => this.toDevice(b))]);
    return { servers, devices };
  }

  async servers(): Promise<FabricServer[]> {
    return this.listBoards('status', 'eesv', toServer);
  }

  async server(id: string): Promise<FabricServer> {
    const board = await this.board(id);
    if (board.status !== 'eesv') throw new FabricError('wrong_role', 'GET devices/{id}', `${id} is not an EESV (server) but an ${board.status}`);
    return toServer(board);
  }

  async device(id: string): Promise<FabricDevice> {
    const board = await this.board(id);
    if (board.status !== 'eeio') throw new FabricError('wrong_role', 'GET devices/{id}', `${id} is not an EEIO (device) but an ${board.status}`);
    return this.toDevice(board);
  }

  async fence(boardId: string): Promise<string> {
    const call = 'PUT devices/{id}/audit';
    return checked(GroupAnswer, await this.eem.send('PUT', `devices/${enc(boardId)}/audit`, call, {}), call).update_time ?? '';
  }

  async groupMembers(groupId: string): Promise<string[]> {
    const call = 'GET devices';
    const answer = await this.eem.send('GET', `devices?status=eeio&group_id=${encodeURIComponent(groupId)}`, call);
    return checked(IdList, answer, call).devices.map((d) => d.id);
  }

  /** `devices/detail` filtered by group alone answers the EESV and the EEIOs of the group together. */
  async group(groupId: string): Promise<FabricGroup> {
    const boards = await this.listBoards('group_id', groupId, (b) => b);
    const server = boards.find((b) => b.status === 'eesv');
    return { server: server ? toServer(server) : null, deviceIds: boards.filter((b) => b.status === 'eeio').map((b) => b.id) };
  }

  async createGroup(serverId: string, version: string): Promise<GroupChange> {
    return this.putGroup(serverId, null, version);
  }

  async joinGroup(deviceId: string, groupId: string, version: string): Promise<GroupChange> {
    return this.putGroup(deviceId, groupId, version);
  }

  async leaveGroup(boardId: string, version?: string): Promise<GroupChange> {
    const call = 'DELETE devices/{id}/group_id';
    const query = version === undefined ? '' : `?update_time=${encodeURIComponent(version)}`;
    const answer = checked(GroupAnswer, await this.eem.send('DELETE', `devices/${enc(boardId)}/group_id${query}`, call), call);
    return { groupId: answer.group_id ?? '', version: answer.update_time ?? '' };
  }

  async locate(boardId: string, on: boolean): Promise<void> {
    const call = 'PUT devices/{id}/uid_led_status';
    const want = on ? 'on' : 'off';
    const answer = checked(LedAnswer, await this.eem.send('PUT', `devices/${enc(boardId)}/uid_led_status`, call, { uid_led_status: want }), call);
    if (answer.uid_led_status !== want) throw new FabricError('bad_response', call, `the EEM left the LED ${answer.uid_led_status}, not ${want}`);
  }

  close(): Promise<void> {
    return this.eem.close();
  }

  private async putGroup(id: string, groupId: string | null, version: string): Promise<GroupChange> {
    const call = 'PUT devices/{id}/group_id';
    const answer = checked(
      GroupAnswer,
      await this.eem.send('PUT', `devices/${enc(id)}/group_id`, call, { group_id: groupId, update_time: version }),
      call,
    );
    if (answer.group_id === undefined) throw new FabricError('bad_response', call, 'the EEM answered without a group_id');
    return { groupId: answer.group_id, version: answer.update_time ?? '' };
  }

  /** Each board is checked and mapped as it arrives: the EEM's record of it is not kept. */
  private async listBoards<T>(key: 'status' | 'group_id', value: string, map: (board: EemBoard) => T): Promise<T[]> {
    const call = 'GET devices/detail';
    const { rest, items } = await this.eem.list(`devices/detail?${key}=${encodeURIComponent(value)}`, call, 'devices', (element, i) => {
      const board = checked(OneOfListing, element, call, `/devices/${i}`);
      // Only the boards asked for, whatever else the EEM answers: a server never becomes a device.
      return board[key] === value ? map(board) : undefined;
    });
    checked(Listing, rest, call);
    return items;
  }

  private async board(id: string): Promise<EemBoard> {
    const call = 'GET devices/{id}';
    return checked(OneBoard, await this.eem.send('GET', `devices/${enc(id)}`, call), call).device;
  }

  private toDevice(b: EemBoard): FabricDevice {
    const pcie = b.type === '40g' && b.pcie_class_code && b.pcie_vendor_id && b.pcie_device_id
      ? { classCode: b.pcie_class_code, vendorId: b.pcie_vendor_id, deviceId: b.pcie_device_id }
      : null;
    const names = pcie ? this.pciIds.lookup(pcie.vendorId, pcie.deviceId) : { vendorName: null, deviceName: null };
    return {
      id: b.id,
      groupId: b.group_id,
      free: b.group_id === EEIO_FREE_GROUP,
      generation: b.type,
      macAddress: b.mac_address,
      online: b.notification_status0?.[0] !== 'down' && b.admin_status !== 'disable',
      type: pcie ? deviceTypeOfClass(pcie.classCode) : null,
      pcie,
      ...names,
      version: b.update_time,
    };
  }
}

function toServer(b: EemBoard): FabricServer {
  return {
    id: b.id,
    groupId: b.group_id,
    hasOwnGroup: b.group_id !== EESV_DEFAULT_GROUP,
    generation: b.type,
    macAddress: b.mac_address,
    powerOn: b.power_status !== 'off',
    enabled: b.admin_status !== 'disable',
    linkUp: b.notification_status0?.[0] !== 'down',
    maxDevices: Number.parseInt(b.max_eeio_count ?? '', 10) || (b.type === '10g' ? 8 : 16),
    model: b.model ?? '',
    serialNumber: b.serial_number ?? '',
    hostModel: b.host_model ?? '',
    hostSerialNumber: b.host_serial_number ?? '',
    firmware: b.ee_version ?? '',
    version: b.update_time,
  };
}

/** `at`: where `value` is in the answer (a listing's element), for the message. */
function checked<S extends TSchema>(check: TypeCheck<S>, value: unknown, call: string, at = ''): Static<S> {
  if (check.Check(value)) return value;
  const first = check.Errors(value).First();
  throw new FabricError('bad_response', call, `the EEM's answer is malformed${first ? ` at ${at + first.path || '/'}: ${first.message}` : ''}`);
}

function enc(id: string): string {
  return encodeURIComponent(id);
}
