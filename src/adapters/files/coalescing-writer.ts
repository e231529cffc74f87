/**
 * Turns many "please persist" calls into as few durable writes as possible: while one write runs, every caller
 * that arrives joins the single next write, which snapshots the state when it starts.
 * If a write fails, onFailure() restores the last durable state and every caller whose change it carried,
 * or that was waiting on the next write, is rejected: nobody is told "done" for a change that is not on disk.
 */
export class CoalescingWriter {
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(
    private readonly writeSnapshot: () => Promise<void>,
    private readonly onFailure: () => Promise<void>,
  ) {}

  persist(): Promise<void> {
    if (this.next) return this.next;
    if (!this.inFlight) return this.start();
    const after = this.inFlight;
    this.next = after.then(
      () => {
        this.next = null;
        return this.start();
      },
      (error: unknown) => {
        this.next = null;
        throw error;
      },
    );
    return this.next;
  }

  /** Resolves when nothing is being written. */
  async idle(): Promise<void> {
    while (this.inFlight || this.next) await (this.next ?? this.inFlight)?.catch(() => undefined);
  }

  private start(): Promise<void> {
    const run = (async () => {
      try {
        await this.writeSnapshot();
      } catch (error) {
        await this.onFailure();
        throw error;
      } finally {
        this.inFlight = null;
      }
    })();
    this.inFlight = run;
    return run;
  }
}
