/**
 * When a client loop runs next: soon (many requests in one turn of the event loop coalesce into
 * one run), or at a time (the earliest asked for wins), until stopped.
 */
export class Wakeup {
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private stopped = false;

  constructor(private readonly run: () => void) {}

  /** Run on the next turn of the event loop. */
  soon(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.run();
    });
  }

  /** Run at `atMs` (epoch ms) unless an earlier run is already due; Infinity asks nothing. */
  at(atMs: number): void {
    if (atMs >= this.timerAt || atMs === Infinity || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = atMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.soon();
    }, Math.max(0, atMs - Date.now()));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
