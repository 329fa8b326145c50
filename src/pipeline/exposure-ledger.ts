/**
 * Each viewer's fair-exposure shortfall, carried from one of their lists to the next (the amortization of
 * the fair-exposure reranker: a list that could not give under-represented creators their share passes
 * the rest on). Kept in memory, bounded, least recently served viewer dropped first: a viewer who comes
 * back after being dropped, or after a restart, starts with no shortfall, which only weakens the carry,
 * never the per-list FA*IR guarantee. Each server process keeps its own ledger.
 */
export class ExposureLedger {
  private readonly deficits = new Map<string, number>();

  constructor(readonly capacity = 100_000) {
    if (!(Number.isInteger(capacity) && capacity >= 1))
      throw new Error(`capacity must be a positive integer, got ${capacity}`);
  }

  /** The viewer's carried shortfall, in position weights (0 when none is known). */
  deficitOf(subjectId: string): number {
    return this.deficits.get(subjectId) ?? 0;
  }

  /** Records the shortfall a served list left; 0 forgets the viewer. */
  record(subjectId: string, deficit: number): void {
    if (!(Number.isFinite(deficit) && deficit >= 0))
      throw new Error(`deficit must be a non-negative number, got ${deficit}`);
    this.deficits.delete(subjectId);
    if (deficit === 0) return;
    this.deficits.set(subjectId, deficit);
    if (this.deficits.size > this.capacity) {
      const oldest = this.deficits.keys().next().value as string;
      this.deficits.delete(oldest);
    }
  }

  /** Drops whatever is held about the viewer (erasure). */
  forget(subjectId: string): void {
    this.deficits.delete(subjectId);
  }

  get size(): number {
    return this.deficits.size;
  }
}
