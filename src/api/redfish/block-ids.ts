// Resource block ids. A device (EEIO) block is its pooled device's uuid, stable for as long as the
// fabric knows it; a server (EESV) has no uuid of its own, so its block is its pod manager's uuid and
// its board id, which only that pair names uniquely. The same ids name the boards' chassis.

export type BlockRef = { kind: 'server'; podmId: string; serverId: string } | { kind: 'device'; uuid: string };

export const serverBlockId = (podmId: string, serverId: string) => `${podmId}.${serverId}`;

export function parseBlockId(id: string): BlockRef {
  const dot = id.indexOf('.');
  return dot < 0 ? { kind: 'device', uuid: id } : { kind: 'server', podmId: id.slice(0, dot), serverId: id.slice(dot + 1) };
}
