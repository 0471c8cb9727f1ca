// Token counts still being computed for requests already sent upstream (prepare's `deferCounts`). What
// reports the ledger (/stats, /metrics, /v1/requests, the ledger file on exit) waits for them, so a report
// asked for after a response includes that request's counts; requests themselves never wait.

/** A report waits this long at most: counts are milliseconds of work, and a report must never hang. */
const MAX_WAIT_MS = 5000;

export class PendingCounts {
  private readonly pending = new Set<Promise<void>>();

  track(counted: Promise<void> | undefined): void {
    if (!counted) return;
    this.pending.add(counted);
    const done = () => this.pending.delete(counted);
    counted.then(done, done);
  }

  /**
   * Settles once every count tracked so far is in and booked (the bookings were chained on each count
   * before this is called, so they run first), or after MAX_WAIT_MS with what is in by then.
   */
  async settled(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, MAX_WAIT_MS);
      timer.unref();
    });
    const all = (async () => {
      while (this.pending.size > 0) await Promise.allSettled(this.pending);
    })();
    await Promise.race([all, late]);
    clearTimeout(timer);
  }
}
