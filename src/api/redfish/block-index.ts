import type { Caller, Core } from '../../core/index.js';
import { blocksOf, type Block } from './block-view.js';
import { poolSnapshot } from './pool-snapshot.js';

/** Callers' scopes kept at once (admins, and each project that reads blocks); past it the oldest goes. */
const MAX_SCOPES = 4;

export interface Blocks {
  readonly all: readonly Block[];
  readonly byId: ReadonlyMap<string, Block>;
}

/**
 * The pool's resource blocks, built once per pool revision and caller scope (a project sees its own
 * nodes behind the blocks they use), so a GET of one block among 10,000 is a lookup, not a read of
 * the whole pool. Only the newest revision is kept; a build read across a write serves its request
 * and is not kept.
 */
export class BlockIndex {
  private revision = -1;
  private readonly scopes = new Map<string, Promise<Blocks>>();

  constructor(private readonly core: Core) {}

  async of(caller: Caller): Promise<Blocks> {
    const scope = caller.role === 'admin' ? '' : caller.project;
    const revision = await this.core.revision.current();
    if (revision !== this.revision) {
      this.scopes.clear();
      this.revision = revision;
    }
    let blocks = this.scopes.get(scope);
    if (!blocks) {
      const built = this.core.revision.at(revision, () => poolSnapshot(this.core, caller));
      blocks = built.then(({ value }) => index(blocksOf(value)));
      this.scopes.set(scope, blocks);
      built.then(({ exact }) => { if (!exact) this.forget(scope, blocks!); }, () => this.forget(scope, blocks!));
      for (const oldest of this.scopes.keys()) {
        if (this.scopes.size <= MAX_SCOPES) break;
        this.scopes.delete(oldest);
      }
    }
    return blocks;
  }

  private forget(scope: string, blocks: Promise<Blocks>): void {
    if (this.scopes.get(scope) === blocks) this.scopes.delete(scope);
  }
}

function index(all: Block[]): Blocks {
  return { all, byId: new Map(all.map((b) => [b.id, b])) };
}
