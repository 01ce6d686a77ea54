// A small exact-match dictionary over raw text: every occurrence of every entry, with its label.
// Used for the NER features' word lists (titles, organization suffixes, units, ...); the
// knowledge-base gazetteer (gazetteer.ts) is a Lexicon answered by the KB's name index instead.
// Matching tries at each position the lengths of the entries that start with that position's
// character, which is fast for the short names these lists hold.

export interface LexiconMatch {
  start: number;
  end: number;
  label: string;
}

export class Lexicon {
  private readonly entries = new Map<string, string[]>();
  /** Entry lengths by first character, longest first: only those are tried at a position. */
  private readonly lengths = new Map<string, number[]>();

  constructor(items: Iterable<{ text: string; label: string }>) {
    for (const { text, label } of items) {
      if (!text) continue;
      const labels = this.entries.get(text);
      if (!labels) this.entries.set(text, [label]);
      else if (!labels.includes(label)) labels.push(label);
      const lens = this.lengths.get(text[0]) ?? [];
      if (!lens.includes(text.length)) this.lengths.set(text[0], [...lens, text.length].sort((a, b) => b - a));
    }
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
      for (const len of this.lengths.get(text[i]) ?? []) {
        if (i + len > text.length) continue;
        const labels = this.entries.get(text.slice(i, i + len));
        if (labels) for (const label of labels) out.push({ start: i, end: i + len, label });
      }
    }
    return out;
  }
}
