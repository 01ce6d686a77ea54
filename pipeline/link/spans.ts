// Span lookups in time independent of the document's size: spans bucketed by start, searched back
// only as far as the longest span. The link stage asks, for each mention, which NER entities share
// or overlap its span; a scan of every entity per mention would make the stage quadratic.
export class SpanIndex<T extends { start: number; end: number }> {
  private readonly byStart = new Map<number, T[]>();
  private readonly longest: number;

  constructor(readonly items: readonly T[]) {
    let longest = 0;
    for (const it of items) {
      const list = this.byStart.get(it.start);
      if (list) list.push(it);
      else this.byStart.set(it.start, [it]);
      longest = Math.max(longest, it.end - it.start);
    }
    this.longest = longest;
  }

  /** Items overlapping [start, end), in order of start. */
  overlapping(start: number, end: number): T[] {
    const out: T[] = [];
    for (let s = Math.max(0, start - this.longest + 1); s < end; s++) for (const it of this.byStart.get(s) ?? []) if (it.end > start && it.end > it.start) out.push(it);
    return out;
  }

  /** Items with exactly this span. */
  at(start: number, end: number): T[] {
    return (this.byStart.get(start) ?? []).filter((it) => it.end === end);
  }
}
