import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent } from 'undici';
import { ProvisionError, type ProvisionStep } from '../errors.js';
import { hardwareType } from '../hardware-types.js';
import type { ComposedNodeFacts, Provisioner, Registration, RegisterSpec } from '../provisioner.js';
import { createAuth } from './auth.js';
import { IronicClient } from './client.js';
import type { IronicConfig } from './config.js';
import { deviceTraits, nodeExtra, withDeviceTraits } from './facts.js';
import { createAgent } from './http.js';
import { DELETABLE_STATES, isDeletable, VERB_RESULTS, VERBS_TO, type ProvisionVerb } from './states.js';

/** The fields of Ironic's node and port that covalence reads. */
interface IronicNode {
  uuid: string;
  provision_state: string;
  target_provision_state: string | null;
  last_error: string | null;
  instance_uuid: string | null;
  extra: Record<string, unknown>;
}
interface IronicPort {
  uuid: string;
  address: string;
}

/** A node by uuid or name. */
const nodePath = (id: string) => `/v1/nodes/${encodeURIComponent(id)}`;
const NODE_FIELDS = 'uuid,provision_state,target_provision_state,last_error,instance_uuid,extra';
const DEFAULT_STATE_WAIT_MS = 120_000;

export class IronicProvisioner implements Provisioner {
  readonly #agent: Agent;
  readonly #ironic: IronicClient;

  constructor(private readonly cfg: IronicConfig) {
    this.#agent = createAgent(cfg);
    this.#ironic = new IronicClient(this.#agent, createAuth(cfg, this.#agent));
  }

  async register(node: ComposedNodeFacts, spec: RegisterSpec): Promise<Registration> {
    await this.#removeLeftover(node);
    const created = await this.#ironic.call<IronicNode>('create node', 'POST', '/v1/nodes', {
      name: node.name,
      driver: hardwareType(spec.driver, this.cfg.defaultDriver),
      driver_info: spec.driverInfo,
      extra: nodeExtra(node),
      ...(spec.resourceClass !== undefined && { resource_class: spec.resourceClass }),
      ...(spec.properties !== undefined && { properties: spec.properties }),
    });
    try {
      const traits = [...new Set([...(spec.traits ?? []), ...(this.cfg.deviceTraits ? deviceTraits(node) : [])])];
      if (traits.length > 0) await this.#ironic.call('set traits', 'PUT', `${nodePath(created.uuid)}/traits`, { traits });
      // one at a time: Ironic locks the node for each port, so parallel creates mostly meet "locked"
      const ports: Registration['ports'] = [];
      for (const mac of spec.macs) {
        const port = await this.#ironic.call<IronicPort>(`create port ${mac}`, 'POST', '/v1/ports', {
          address: mac,
          node_uuid: created.uuid,
          pxe_enabled: true,
        });
        ports.push({ uuid: port.uuid, address: port.address });
      }
      let provisionState = created.provision_state;
      for (const verb of spec.provisionState === undefined ? [] : VERBS_TO[spec.provisionState]) {
        provisionState = await this.#drive(created.uuid, verb);
      }
      return { ironicUuid: created.uuid, provisionState, ports };
    } catch (err) {
      throw await this.#rollBack(created.uuid, err);
    }
  }

  async describe(ironicUuid: string): Promise<Registration | null> {
    const node = await this.#ironic.find<IronicNode>('describe', `${nodePath(ironicUuid)}?fields=${NODE_FIELDS}`);
    if (node === null) return null;
    const { ports } = await this.#ironic.call<{ ports: IronicPort[] }>(
      'describe',
      'GET',
      `/v1/ports?node_uuid=${encodeURIComponent(ironicUuid)}&fields=uuid,address`,
    );
    return {
      ironicUuid: node.uuid,
      provisionState: node.provision_state,
      ports: ports.map((p) => ({ uuid: p.uuid, address: p.address })),
    };
  }

  async updateFacts(ironicUuid: string, node: ComposedNodeFacts): Promise<void> {
    // JSON Patch `add` on an existing member replaces it
    const patch = Object.entries(nodeExtra(node)).map(([key, value]) => ({ op: 'add', path: `/extra/${key}`, value }));
    await this.#ironic.call('update facts', 'PATCH', nodePath(ironicUuid), patch);
    if (!this.cfg.deviceTraits) return;
    const { traits } = await this.#ironic.call<{ traits: string[] }>('update facts', 'GET', `${nodePath(ironicUuid)}/traits`);
    const wanted = withDeviceTraits(traits, node);
    if (wanted.length !== traits.length || wanted.some((t) => !traits.includes(t))) {
      await this.#ironic.call('update facts', 'PUT', `${nodePath(ironicUuid)}/traits`, { traits: wanted });
    }
  }

  async deregister(ironicUuid: string): Promise<void> {
    await this.#delete(ironicUuid, 'deregister');
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  /** Starts a provision verb and waits, bounded, until Ironic settles; returns the state reached. */
  async #drive(uuid: string, verb: ProvisionVerb): Promise<string> {
    await this.#ironic.call(verb, 'PUT', `${nodePath(uuid)}/states/provision`, { target: verb });
    const waitMs = this.cfg.stateWaitMs ?? DEFAULT_STATE_WAIT_MS;
    const deadline = Date.now() + waitMs;
    for (let pause = 100; ; pause = Math.min(pause * 1.5, 1000)) {
      const node = await this.#ironic.call<IronicNode>(verb, 'GET', `${nodePath(uuid)}?fields=${NODE_FIELDS}`);
      if (node.target_provision_state === null) {
        if (node.provision_state === VERB_RESULTS[verb]) return node.provision_state;
        const lastError = node.last_error ?? 'no last_error';
        throw new ProvisionError('failed', verb, `Ironic node ${uuid} ended in ${node.provision_state}: ${lastError}`, {
          ironicMessage: lastError,
        });
      }
      if (Date.now() >= deadline) {
        const still = `Ironic node ${uuid} is still ${node.provision_state} after ${waitMs / 1000} s`;
        throw new ProvisionError('timeout', verb, still);
      }
      await sleep(pause);
    }
  }

  /** Deletes a node (its ports go with it) if Ironic allows it now; gone already is fine. */
  async #delete(uuid: string, step: ProvisionStep): Promise<void> {
    const node = await this.#ironic.find<IronicNode>(step, `${nodePath(uuid)}?fields=${NODE_FIELDS}`);
    if (node === null) return;
    if (!isDeletable(node.provision_state) || node.instance_uuid !== null) {
      const claimed = node.instance_uuid === null ? '' : `, claimed by instance ${node.instance_uuid}`;
      const only = `Ironic deletes only nodes that are ${DELETABLE_STATES.join(', ')}`;
      throw new ProvisionError('busy', step, `Ironic node ${uuid} is ${node.provision_state}${claimed}; ${only}`);
    }
    try {
      await this.#ironic.call(step, 'DELETE', nodePath(uuid));
    } catch (err) {
      // it moved on since we looked (a deploy began): same answer as above
      if (err instanceof ProvisionError && err.kind === 'rejected' && err.status === 409) {
        throw new ProvisionError('busy', step, err.detail, { status: 409, ironicMessage: err.ironicMessage });
      }
      if (!(err instanceof ProvisionError && err.status === 404)) throw err;
    }
  }

  /**
   * A node named like ours and carrying our composed node's uuid was left by a register that never
   * reported back (crash, or a rollback that could not finish): replace it.
   */
  async #removeLeftover(node: ComposedNodeFacts): Promise<void> {
    const step = 'remove leftover node';
    const found = await this.#ironic.find<IronicNode>(step, `${nodePath(node.name)}?fields=${NODE_FIELDS}`);
    if (found !== null && found.extra.covalence_node_uuid === node.uuid) await this.#delete(found.uuid, step);
  }

  /** Removes the node a failed register created; the original error, noting a leftover if removal failed too. */
  async #rollBack(uuid: string, err: unknown): Promise<unknown> {
    try {
      await this.#delete(uuid, 'deregister');
      return err;
    } catch (undoErr) {
      if (!(err instanceof ProvisionError)) return err;
      const why = undoErr instanceof Error ? undoErr.message : String(undoErr);
      return new ProvisionError(err.kind, err.step, `${err.detail}; removing Ironic node ${uuid} failed too (${why})`, {
        status: err.status,
        ironicMessage: err.ironicMessage,
        leftover: uuid,
      });
    }
  }
}
