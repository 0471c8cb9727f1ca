// Token counts still being computed for requests already sent upstream (prepare's `deferCounts`). What
// reports the ledger (/stats, /metrics, /v1/requests, the ledger file on exit) waits for them, so a report
// asked for after a response includes that request's counts; requests themselves never wait.
export class PendingCounts {
  private readonly pending = new Set<Promise<void>>();

  /** `counted` never rejects (see `Prepared.counted`). */
  track(counted: Promise<void> | undefined): void {
    if (!counted) return;
    this.pending.add(counted);
    void counted.finally(() => this.pending.delete(counted));
  }

  /**
   * Settles once every count tracked so far is in and booked: the bookings were chained on each count
   * before this is called, so they run first.
   */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}
