import cliProgress from 'cli-progress';

/**
 * One progress bar per workload on a terminal; elsewhere (CI logs) one line when each workload
 * starts and one when it ends, so a log is not flooded with redraws.
 */
export class BenchProgress {
  private bar: cliProgress.SingleBar | null = null;
  private label = '';
  private readonly tty: boolean;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(out.isTTY);
  }

  begin(label: string, total: number): void {
    this.label = label;
    if (!this.tty) {
      this.out.write(`${label} ...\n`);
      return;
    }
    this.bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(44)} {bar} {percentage}% | {value}/{total}`, hideCursor: true, clearOnComplete: true, stream: this.out, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0);
  }

  update(done: number, total: number): void {
    if (!this.bar) return;
    this.bar.setTotal(total);
    this.bar.update(Math.round(done));
  }

  /** Close the bar and print one line saying how the workload ended. */
  end(summary: string): void {
    this.bar?.stop();
    this.bar = null;
    this.out.write(`${this.label}: ${summary}\n`);
  }

  note(line: string): void {
    this.out.write(`${line}\n`);
  }
}
