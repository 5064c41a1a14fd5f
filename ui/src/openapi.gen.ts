// Generated from covalence's /v1/openapi.json by `npm run build:ui` (scripts/openapi/): do not edit.

export interface Schemas {
  /** Valence's error body */
  ValenceError: {
    request_id: string;
    code: string;
    status: number;
    title: string;
    detail: string;
  };
}

export interface Paths {
  '/': {
    get: {
      ok: unknown;
    };
  };
  '/v1': {
    get: {
      ok: unknown;
    };
  };
  '/v1/audit': {
    get: {
      ok: Array<{
        id: string;
        /** ISO 8601, UTC, in milliseconds */
        time: string;
        request_id: string;
        user_id: string;
        user_name: string;
        project: string | null;
        role: 'reader' | 'member' | 'admin' | null;
        action: string;
        target: string | null;
        result: 'success' | 'denied' | 'failure';
        /** the HTTP status answered; null for the covalence command */
        status: number | null;
      }>;
    };
  };
  '/v1/devices': {
    get: {
      ok: Array<{
        uuid: string;
        podm_id: string;
        type: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown' | null;
        state: 'free' | 'allocated' | 'offline' | 'removed' | 'orphaned';
        node_id: string | null;
        resource_uri: string;
        pooled_group_id: string;
        /** fabric: from the board's PCIe class; operator: set by an admin where the board reports none */
        type_source: 'fabric' | 'operator';
        /** taken out of service by an admin: never composed or attached */
        maintenance: boolean;
        properties: {
          device_id: string;
          mac_address: string;
          model: string;
          pcie_class_code: string | null;
          pcie_vendor_id: string | null;
          pcie_device_id: string | null;
        };
        extra: {
          vendor_name: string | null;
          device_name: string | null;
        };
        maintenance_reason: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      }> | Array<{
        uuid: string;
        podm_id: string;
        type: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown' | null;
        state: 'free' | 'allocated' | 'offline' | 'removed' | 'orphaned';
        node_id: string | null;
        resource_uri: string;
        pooled_group_id: string;
        /** fabric: from the board's PCIe class; operator: set by an admin where the board reports none */
        type_source: 'fabric' | 'operator';
        /** taken out of service by an admin: never composed or attached */
        maintenance: boolean;
      }>;
    };
  };
  '/v1/devices/sync': {
    post: {
      body: {
        podm_id?: string;
      } | null;
      ok: Array<{
        podm_id: string;
        status: 'SUCCESS' | 'FAILED' | 'BUSY' | 'SUSPECT';
        detail?: string;
        servers?: number;
        added?: number;
        updated?: number;
        offline?: number;
        removed?: number;
        unchanged?: number;
        deferred?: number;
      }>;
    };
  };
  '/v1/devices/{uuid}': {
    get: {
      ok: {
        uuid: string;
        podm_id: string;
        type: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown' | null;
        state: 'free' | 'allocated' | 'offline' | 'removed' | 'orphaned';
        node_id: string | null;
        resource_uri: string;
        pooled_group_id: string;
        /** fabric: from the board's PCIe class; operator: set by an admin where the board reports none */
        type_source: 'fabric' | 'operator';
        /** taken out of service by an admin: never composed or attached */
        maintenance: boolean;
        properties: {
          device_id: string;
          mac_address: string;
          model: string;
          pcie_class_code: string | null;
          pcie_vendor_id: string | null;
          pcie_device_id: string | null;
        };
        extra: {
          vendor_name: string | null;
          device_name: string | null;
        };
        maintenance_reason: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
    patch: {
      body: {
        maintenance?: boolean;
        maintenance_reason?: string | null;
        /** only where the fabric reports no type (10G boards) */
        type?: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown';
      };
      ok: {
        uuid: string;
        podm_id: string;
        type: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown' | null;
        state: 'free' | 'allocated' | 'offline' | 'removed' | 'orphaned';
        node_id: string | null;
        resource_uri: string;
        pooled_group_id: string;
        /** fabric: from the board's PCIe class; operator: set by an admin where the board reports none */
        type_source: 'fabric' | 'operator';
        /** taken out of service by an admin: never composed or attached */
        maintenance: boolean;
        properties: {
          device_id: string;
          mac_address: string;
          model: string;
          pcie_class_code: string | null;
          pcie_vendor_id: string | null;
          pcie_device_id: string | null;
        };
        extra: {
          vendor_name: string | null;
          device_name: string | null;
        };
        maintenance_reason: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/devices/{uuid}/action': {
    post: {
      body: {
        locate: {
          on: boolean;
        };
      };
      ok: void;
    };
  };
  '/v1/devices/{uuid}/release': {
    post: {
      ok: {
        uuid: string;
        podm_id: string;
        type: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown' | null;
        state: 'free' | 'allocated' | 'offline' | 'removed' | 'orphaned';
        node_id: string | null;
        resource_uri: string;
        pooled_group_id: string;
        /** fabric: from the board's PCIe class; operator: set by an admin where the board reports none */
        type_source: 'fabric' | 'operator';
        /** taken out of service by an admin: never composed or attached */
        maintenance: boolean;
        properties: {
          device_id: string;
          mac_address: string;
          model: string;
          pcie_class_code: string | null;
          pcie_vendor_id: string | null;
          pcie_device_id: string | null;
        };
        extra: {
          vendor_name: string | null;
          device_name: string | null;
        };
        maintenance_reason: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/events': {
    get: {
      ok: Array<{
        /** strictly increasing and gap-free across the service */
        seq: number;
        /** ISO 8601, UTC, in milliseconds */
        time: string;
        kind: 'node.composed' | 'node.managed' | 'node.decomposed' | 'node.state_changed' | 'node.registered' | 'node.deregistered' | 'device.attached' | 'device.detached' | 'device.added' | 'device.removed' | 'device.state_changed' | 'device.changed' | 'device.released' | 'pod_manager.created' | 'pod_manager.updated' | 'pod_manager.deleted' | 'pod_manager.status_changed' | 'sync.drift' | 'sync.suspect' | 'events.truncated';
        /** the uuid of what changed */
        target: string;
        podm_id: string | null;
        /** the composed node concerned */
        node_id: string | null;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
        /** the API request that made the change; null for what sync observed */
        request_id: string | null;
        /** user@project of that request */
        caller: string | null;
      }>;
    };
  };
  '/v1/events/stream': {
    get: {
      ok: string;
    };
  };
  '/v1/flavors': {
    get: {
      ok: Array<{
        uuid: string;
        name: string;
        description: string;
        properties: {
          memory?: {
            capacity_mib?: string;
            type?: string;
          };
          processor?: {
            total_cores?: string;
            model?: string;
          };
          pci_device?: {
            type?: Array<'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown'>;
          };
        };
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      }>;
    };
    post: {
      body: {
        name: string;
        description?: string;
        properties: {
          memory?: {
            capacity_mib?: string;
            type?: string;
          };
          processor?: {
            total_cores?: string;
            model?: string;
          };
          pci_device?: {
            type?: Array<'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown'>;
          };
        };
      };
      ok: {
        uuid: string;
        name: string;
        description: string;
        properties: {
          memory?: {
            capacity_mib?: string;
            type?: string;
          };
          processor?: {
            total_cores?: string;
            model?: string;
          };
          pci_device?: {
            type?: Array<'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown'>;
          };
        };
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/flavors/{uuid}': {
    delete: {
      ok: {
        request_id: string;
        code: string;
        detail: string;
      };
    };
    get: {
      ok: {
        uuid: string;
        name: string;
        description: string;
        properties: {
          memory?: {
            capacity_mib?: string;
            type?: string;
          };
          processor?: {
            total_cores?: string;
            model?: string;
          };
          pci_device?: {
            type?: Array<'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown'>;
          };
        };
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
    patch: {
      body: {
        name?: string;
        description?: string;
        properties?: {
          memory?: {
            capacity_mib?: string;
            type?: string;
          };
          processor?: {
            total_cores?: string;
            model?: string;
          };
          pci_device?: {
            type?: Array<'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown'>;
          };
        };
      };
      ok: {
        uuid: string;
        name: string;
        description: string;
        properties: {
          memory?: {
            capacity_mib?: string;
            type?: string;
          };
          processor?: {
            total_cores?: string;
            model?: string;
          };
          pci_device?: {
            type?: Array<'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown'>;
          };
        };
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/nodes': {
    get: {
      ok: Array<{
        uuid: string;
        name: string;
        index: string;
        resource_uri: string;
        podm_id: string;
        state: 'composing' | 'composed' | 'degraded' | 'lost' | 'decomposing';
        /** why the node is not composed, in a sentence; null when it is */
        state_reason: string | null;
      }>;
    };
    post: {
      body: {
        name: string;
        description?: string;
        podm_id?: string;
        flavor_id?: string;
        properties?: {
          memory?: {
            capacity_mib?: string;
            type?: string;
          };
          processor?: {
            total_cores?: string;
            model?: string;
          };
          pci_device?: {
            type?: Array<'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown'>;
          };
        };
      };
      ok: {
        uuid: string;
        name: string;
        index: string;
        resource_uri: string;
        podm_id: string;
      } | {
        dry_run: true;
        podm_id: string;
        index: string;
        resource_uri: string;
        /** the board generation (40g, 10g) the server and every device share */
        generation: string;
        /** why: an ExpEther server joins devices of its own board generation only */
        generation_rule: string;
        devices: Array<{
          uuid: string;
          podm_id: string;
          type: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown' | null;
          state: 'free' | 'allocated' | 'offline' | 'removed' | 'orphaned';
          node_id: string | null;
          resource_uri: string;
          pooled_group_id: string;
          /** fabric: from the board's PCIe class; operator: set by an admin where the board reports none */
          type_source: 'fabric' | 'operator';
          /** taken out of service by an admin: never composed or attached */
          maintenance: boolean;
        }>;
      };
    };
  };
  '/v1/nodes/manage': {
    post: {
      body: {
        podm_id: string;
        node_index: string;
      };
      ok: {
        uuid: string;
        name: string;
        index: string;
        resource_uri: string;
        podm_id: string;
      };
    };
  };
  '/v1/nodes/{uuid}': {
    delete: {
      ok: {
        request_id: string;
        code: string;
        detail: string;
      };
    };
    get: {
      ok: {
        uuid: string;
        name: string;
        index: string;
        resource_uri: string;
        podm_id: string;
        state: 'composing' | 'composed' | 'degraded' | 'lost' | 'decomposing';
        /** why the node is not composed, in a sentence; null when it is */
        state_reason: string | null;
        description: string;
        /** the project that composed or managed the node */
        project_id: string;
        managed_by?: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
        type?: string;
        serial_number?: string;
        power_state?: string;
        host_model?: string;
        host_serial_number?: string;
        mac_address?: string;
        pooled_group_id?: string;
        max_devices?: number;
        fabric_error?: string;
        devices: Array<{
          uuid: string;
          podm_id: string;
          type: 'NIC' | 'SSD' | 'GPU' | 'Multi' | 'USB' | 'ACS' | 'SWITCH' | 'Unknown' | null;
          state: 'free' | 'allocated' | 'offline' | 'removed' | 'orphaned';
          node_id: string | null;
          resource_uri: string;
          pooled_group_id: string;
          /** fabric: from the board's PCIe class; operator: set by an admin where the board reports none */
          type_source: 'fabric' | 'operator';
          /** taken out of service by an admin: never composed or attached */
          maintenance: boolean;
        }>;
      };
    };
  };
  '/v1/nodes/{uuid}/action': {
    post: {
      body: {
        attach?: {
          resource_id: string;
        };
        detach?: {
          resource_id: string;
        };
        Reset?: {
          Type: 'On' | 'ForceOn' | 'ForceOff' | 'GracefulRestart';
        };
        Boot?: {
          Enabled: 'Once' | 'Continuous';
          Target: 'Pxe' | 'Hdd' | 'None';
        };
      };
      ok: void;
    };
  };
  '/v1/nodes/{uuid}/deregister': {
    post: {
      ok: {
        uuid: string;
        name: string;
        index: string;
        resource_uri: string;
        podm_id: string;
        managed_by?: string;
        ironic_uuid?: string;
        provision_state?: string;
        ports?: Array<{
          uuid: string;
          address: string;
        }>;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/nodes/{uuid}/register': {
    post: {
      body: {
        /** BMC address and credentials for the hardware type (ipmi_address, ipmi_username, …) */
        driver_info: Record<string, unknown>;
        /** Ironic hardware type; pxe_ipmitool and agent_ipmitool mean ipmi */
        driver?: string;
        /** a MAC address, 52:54:00:12:34:56 */
        mac?: string;
        macs?: Array<string>;
        resource_class?: string;
        properties?: Record<string, unknown>;
        traits?: Array<string>;
        provision_state?: 'manageable' | 'available';
      };
      ok: {
        uuid: string;
        name: string;
        index: string;
        resource_uri: string;
        podm_id: string;
        managed_by?: string;
        ironic_uuid?: string;
        provision_state?: string;
        ports?: Array<{
          uuid: string;
          address: string;
        }>;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/pod_managers': {
    get: {
      ok: Array<{
        uuid: string;
        name: string;
        url: string;
        driver: string;
        authentication: Array<{
          type: string;
          auth_items: {
            username: string;
            password: '***';
          };
        }>;
        insecure: boolean;
        status: 'Online' | 'Offline' | 'AuthError' | 'Conflict';
        status_detail: string | null;
        description: string | null;
        location: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        last_sync_at: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      }>;
    };
    post: {
      body: {
        name: string;
        /** the EEM base URL, e.g. http://10.0.0.5:30500/eem */
        url: string;
        driver?: 'expether';
        authentication: Array<{
          type: string;
          auth_items: {
            username: string;
            password: string;
          };
        }>;
        description?: string;
        location?: string;
        /** true: do not verify the EEM's TLS certificate (test setups only) */
        insecure?: boolean;
      };
      ok: {
        uuid: string;
        name: string;
        url: string;
        driver: string;
        authentication: Array<{
          type: string;
          auth_items: {
            username: string;
            password: '***';
          };
        }>;
        insecure: boolean;
        status: 'Online' | 'Offline' | 'AuthError' | 'Conflict';
        status_detail: string | null;
        description: string | null;
        location: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        last_sync_at: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/pod_managers/{uuid}': {
    delete: {
      ok: {
        request_id: string;
        code: string;
        detail: string;
      };
    };
    get: {
      ok: {
        uuid: string;
        name: string;
        url: string;
        driver: string;
        authentication: Array<{
          type: string;
          auth_items: {
            username: string;
            password: '***';
          };
        }>;
        insecure: boolean;
        status: 'Online' | 'Offline' | 'AuthError' | 'Conflict';
        status_detail: string | null;
        description: string | null;
        location: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        last_sync_at: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
    patch: {
      body: {
        name?: string;
        /** the EEM base URL, e.g. http://10.0.0.5:30500/eem */
        url?: string;
        description?: string;
        location?: string;
        authentication?: Array<{
          type: string;
          auth_items: {
            username: string;
            password: string;
          };
        }>;
        /** true: do not verify the EEM's TLS certificate (test setups only) */
        insecure?: boolean;
      };
      ok: {
        uuid: string;
        name: string;
        url: string;
        driver: string;
        authentication: Array<{
          type: string;
          auth_items: {
            username: string;
            password: '***';
          };
        }>;
        insecure: boolean;
        status: 'Online' | 'Offline' | 'AuthError' | 'Conflict';
        status_detail: string | null;
        description: string | null;
        location: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        last_sync_at: string | null;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        created_at: string;
        /** UTC, as Valence writes it: YYYY-MM-DD HH:MM:SS UTC */
        updated_at: string;
      };
    };
  };
  '/v1/subscriptions': {
    get: {
      ok: Array<{
        uuid: string;
        url: string;
        kinds: Array<'node.composed' | 'node.managed' | 'node.decomposed' | 'node.state_changed' | 'node.registered' | 'node.deregistered' | 'device.attached' | 'device.detached' | 'device.added' | 'device.removed' | 'device.state_changed' | 'device.changed' | 'device.released' | 'pod_manager.created' | 'pod_manager.updated' | 'pod_manager.deleted' | 'pod_manager.status_changed' | 'sync.drift' | 'sync.suspect' | 'events.truncated'>;
        podm_id: string | null;
        node_id: string | null;
        /** the creator's project, whose events it receives; null: every project (an admin's) */
        project_id: string | null;
        /** the creator's user id */
        owner: string;
        created_at: string;
        status: {
          /** every event up to this one was delivered or dead-lettered */
          delivered_seq: number;
          delivered: number;
          /** failed tries of the next event */
          attempts: number;
          next_attempt_at: string;
          last_attempt_at: string | null;
          last_outcome: 'delivered' | 'failed' | 'dead_lettered' | null;
          last_error: string | null;
          dead_letters: number;
        };
      }>;
    };
    post: {
      body: {
        /** where events are POSTed */
        url: string;
        /** the HMAC-SHA256 key of the x-covalence-signature header; never shown again */
        secret: string;
        /** none: every kind */
        kinds?: Array<'node.composed' | 'node.managed' | 'node.decomposed' | 'node.state_changed' | 'node.registered' | 'node.deregistered' | 'device.attached' | 'device.detached' | 'device.added' | 'device.removed' | 'device.state_changed' | 'device.changed' | 'device.released' | 'pod_manager.created' | 'pod_manager.updated' | 'pod_manager.deleted' | 'pod_manager.status_changed' | 'sync.drift' | 'sync.suspect' | 'events.truncated'>;
        podm_id?: string;
        /** a composed node's uuid */
        node_id?: string;
      };
      ok: {
        uuid: string;
        url: string;
        kinds: Array<'node.composed' | 'node.managed' | 'node.decomposed' | 'node.state_changed' | 'node.registered' | 'node.deregistered' | 'device.attached' | 'device.detached' | 'device.added' | 'device.removed' | 'device.state_changed' | 'device.changed' | 'device.released' | 'pod_manager.created' | 'pod_manager.updated' | 'pod_manager.deleted' | 'pod_manager.status_changed' | 'sync.drift' | 'sync.suspect' | 'events.truncated'>;
        podm_id: string | null;
        node_id: string | null;
        /** the creator's project, whose events it receives; null: every project (an admin's) */
        project_id: string | null;
        /** the creator's user id */
        owner: string;
        created_at: string;
        status: {
          /** every event up to this one was delivered or dead-lettered */
          delivered_seq: number;
          delivered: number;
          /** failed tries of the next event */
          attempts: number;
          next_attempt_at: string;
          last_attempt_at: string | null;
          last_outcome: 'delivered' | 'failed' | 'dead_lettered' | null;
          last_error: string | null;
          dead_letters: number;
        };
      };
    };
  };
  '/v1/subscriptions/{uuid}': {
    delete: {
      ok: {
        request_id: string;
        code: string;
        detail: string;
      };
    };
    get: {
      ok: {
        uuid: string;
        url: string;
        kinds: Array<'node.composed' | 'node.managed' | 'node.decomposed' | 'node.state_changed' | 'node.registered' | 'node.deregistered' | 'device.attached' | 'device.detached' | 'device.added' | 'device.removed' | 'device.state_changed' | 'device.changed' | 'device.released' | 'pod_manager.created' | 'pod_manager.updated' | 'pod_manager.deleted' | 'pod_manager.status_changed' | 'sync.drift' | 'sync.suspect' | 'events.truncated'>;
        podm_id: string | null;
        node_id: string | null;
        /** the creator's project, whose events it receives; null: every project (an admin's) */
        project_id: string | null;
        /** the creator's user id */
        owner: string;
        created_at: string;
        status: {
          /** every event up to this one was delivered or dead-lettered */
          delivered_seq: number;
          delivered: number;
          /** failed tries of the next event */
          attempts: number;
          next_attempt_at: string;
          last_attempt_at: string | null;
          last_outcome: 'delivered' | 'failed' | 'dead_lettered' | null;
          last_error: string | null;
          dead_letters: number;
        };
      };
    };
  };
  '/v1/subscriptions/{uuid}/dead_letters': {
    get: {
      ok: Array<{
        seq: number;
        attempts: number;
        error: string;
        time: string;
        /** asked to be delivered again, not tried yet */
        replaying: boolean;
      }>;
    };
  };
  '/v1/subscriptions/{uuid}/dead_letters/replay': {
    post: {
      body: {
        /** one dead letter; none: all of them */
        seq?: number;
      };
      ok: {
        replaying: number;
      };
    };
  };
  '/v1/systems': {
    get: {
      body: {
        podm_id?: string;
      } | null;
      ok: Array<{
        id: string;
        resource_uri: string;
        pooled_group_id: string;
        type: string;
        mac_address: string;
        host_serial_num: string;
        host_serial_number: string;
        host_model: string;
        power_state: string;
        podm_id: string;
        max_devices: number;
      }>;
    };
  };
  '/v1/systems/{id}': {
    get: {
      body: {
        podm_id?: string;
      } | null;
      ok: {
        id: string;
        type: string;
        pooled_group_id: string;
        mac_address: string;
        serial_number: string;
        name: string;
        power_state: string;
        host_model: string;
        host_serial_number: string;
        description: string;
        ee_version: string;
        /** YYYY-MM-DD HH:MM:SS (UTC), as Valence renders the EEM update_time */
        update_time: string;
        podm_id: string;
        max_devices: number;
      };
    };
  };
  '/v1/systems/{id}/action': {
    post: {
      body: {
        locate: {
          on: boolean;
        };
      };
      ok: void;
    };
  };
}
