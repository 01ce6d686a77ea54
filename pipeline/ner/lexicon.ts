// A small exact-match dictionary over raw text: every occurrence of every entry, with its label.
// Used for the NER features' word lists (titles, organization suffixes, units, ...) and for the
// knowledge-base gazetteer. Matching tries each start position against the entry lengths present,
// which is fast for the short names these lists hold.

export interface LexiconMatch {
  start: number;
  end: number;
  label: string;
}

export class Lexicon {
  private readonly entries = new Map<string, string[]>();
  private readonly lengths: number[];

  constructor(items: Iterable<{ text: string; label: string }>) {
    const lengths = new Set<number>();
    for (const { text, label } of items) {
      if (!text) continue;
      const labels = this.entries.get(text);
      if (!labels) this.entries.set(text, [label]);
      else if (!labels.includes(label)) labels.push(label);
      lengths.add(text.length);
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
  }

  get size(): number {
    return this.entries.size;
  }

  labelsOf(text: string): readonly string[] {
    return this.entries.get(text) ?? [];
  }

  /** Every (possibly overlapping) occurrence, ordered by start, longest first. */
  matches(text: string): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const len of this.lengths) {
        if (i + len > text.length) continue;
        const labels = this.entries.get(text.slice(i, i + len));
        if (labels) for (const label of labels) out.push({ start: i, end: i + len, label });
      }
    }
    return out;
  }
}
