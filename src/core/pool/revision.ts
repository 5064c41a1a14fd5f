import type { Store } from '../../store/database.js';
import { readPoolRevision } from '../../store/pool-revision.js';

/**
 * The inventory's revision, which every write advances (store/migrations/0006-pool-revision.ts):
 * what a reader built at one revision stays true until the next, on every replica.
 */
export class PoolRevision {
  constructor(private readonly store: Store) {}

  current(): Promise<number> {
    return readPoolRevision(this.store.reads);
  }

  /**
   * Reads `read` and says whether it shows the pool at `revision`: it does if the revision read
   * after it is still `revision` (a commit in between would have advanced it).
   */
  async at<T>(revision: number, read: () => Promise<T>): Promise<{ value: T; exact: boolean }> {
    const value = await read();
    return { value, exact: (await this.current()) === revision };
  }
}
