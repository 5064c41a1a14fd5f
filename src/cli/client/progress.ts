/** A bar and counter redrawn in place on stderr, only when stderr is a terminal (a log file gets no `\r` litter). */
export class Progress {
  private done = 0;
  private failed = 0;
  private readonly live: boolean;

  constructor(private readonly verb: string, private readonly total: number, private readonly err: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr) {
    this.live = err.isTTY === true;
    this.draw();
  }

  step(ok: boolean): void {
    this.done += 1;
    if (!ok) this.failed += 1;
    this.draw();
  }

  /** Clears the bar; what is written next starts on a clean line. */
  clear(): void {
    if (this.live) this.err.write('\r\x1b[2K');
  }

  private draw(): void {
    if (!this.live) return;
    const width = 24;
    const filled = this.total === 0 ? width : Math.floor((width * this.done) / this.total);
    const failed = this.failed > 0 ? ` (${this.failed} failed)` : '';
    this.err.write(`\r\x1b[2K${this.verb} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}${failed}`);
  }
}
