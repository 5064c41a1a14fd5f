import type { Kysely } from 'kysely';

// Written with the schema builder only, so that SQLite and PostgreSQL get the same tables.
// Timestamps are ISO 8601 text; JSON documents are text; flags are integers.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pod_managers')
    .addColumn('uuid', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('driver', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_detail', 'text')
    .addColumn('description', 'text')
    .addColumn('location', 'text')
    .addColumn('last_sync_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('servers')
    .addColumn('podm_id', 'text', (c) => c.notNull().references('pod_managers.uuid').onDelete('cascade'))
    .addColumn('eem_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('generation', 'text', (c) => c.notNull())
    .addColumn('mac_address', 'text', (c) => c.notNull())
    .addColumn('power_on', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('max_devices', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('host_model', 'text', (c) => c.notNull())
    .addColumn('host_serial_number', 'text', (c) => c.notNull())
    .addColumn('fabric_version', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('servers_pk', ['podm_id', 'eem_id'])
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('uuid', 'text', (c) => c.primaryKey())
    .addColumn('podm_id', 'text', (c) => c.notNull().references('pod_managers.uuid').onDelete('cascade'))
    .addColumn('eem_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text')
    .addColumn('pooled_group_id', 'text', (c) => c.notNull())
    .addColumn('generation', 'text', (c) => c.notNull())
    .addColumn('mac_address', 'text', (c) => c.notNull())
    .addColumn('pcie_vendor_id', 'text')
    .addColumn('pcie_device_id', 'text')
    .addColumn('pcie_class_code', 'text')
    .addColumn('vendor_name', 'text')
    .addColumn('device_name', 'text')
    .addColumn('fabric_version', 'text', (c) => c.notNull())
    .addColumn('held_by', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('devices_fabric_identity', ['podm_id', 'eem_id'])
    .execute();
  await db.schema.createIndex('devices_pick').on('devices').columns(['podm_id', 'state', 'type']).execute();
  await db.schema.createIndex('devices_node').on('devices').columns(['podm_id', 'node_id']).execute();

  await db.schema
    .createTable('nodes')
    .addColumn('uuid', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('podm_id', 'text', (c) => c.notNull().references('pod_managers.uuid'))
    .addColumn('node_index', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('owned_group_id', 'text')
    .addColumn('flavor_id', 'text')
    .addColumn('managed_by', 'text')
    .addColumn('ironic_uuid', 'text')
    .addColumn('project_id', 'text')
    .addColumn('held_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The reservation of a server: no two nodes, however composed, can own one EESV.
    .addUniqueConstraint('nodes_one_per_server', ['podm_id', 'node_index'])
    .execute();

  await db.schema
    .createTable('flavors')
    .addColumn('uuid', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('properties', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('operations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('podm_id', 'text', (c) => c.notNull())
    .addColumn('node_uuid', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operations_open').on('operations').columns(['state', 'lease_until']).execute();

  await db.schema
    .createTable('sync_leases')
    .addColumn('podm_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sync_leases', 'operations', 'flavors', 'nodes', 'devices', 'servers', 'pod_managers']) {
    await db.schema.dropTable(table).execute();
  }
}
