/**
 * Progress of a long run on stderr: a bar redrawn in place on a terminal, and plain lines
 * (every tenth of the way) when stderr is a file or a CI log.
 */
export class Progress {
  private done = 0;
  private lastDecile = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    if (!quiet && !this.tty && total > 0) this.stream.write(`${label}: 0/${total}\n`);
  }

  private get tty(): boolean {
    return Boolean(this.stream.isTTY);
  }

  tick = (): void => {
    this.done++;
    if (this.quiet || this.total === 0) return;
    if (this.tty) {
      const width = 30;
      const filled = Math.round((this.done / this.total) * width);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}`);
      if (this.done === this.total) this.stream.write('\n');
      return;
    }
    const decile = Math.floor((this.done / this.total) * 10);
    if (decile > this.lastDecile || this.done === this.total) {
      this.lastDecile = decile;
      this.stream.write(`${this.label}: ${this.done}/${this.total} (${((Date.now() - this.started) / 1000).toFixed(1)} s)\n`);
    }
  };
}
