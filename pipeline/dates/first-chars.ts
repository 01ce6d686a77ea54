// Which characters can begin a non-empty match of a regex: read off the regex source, so that
// extract.ts tries a pattern row only where one of them stands (a digit, a space, the first
// syllable of a date word) instead of at every position of the text.
// The answer may be too wide (lookarounds are ignored) but never too narrow: a source this reader
// does not understand is an error, not a guess.

interface Part {
  /** Whether the part can match the empty string. */
  nullable: boolean;
  /** Sources of the single-character atoms a non-empty match of the part can begin with. */
  first: string[];
}

const ZERO_WIDTH: Part = { nullable: true, first: [] };

class Reader {
  private i = 0;
  constructor(private readonly src: string) {}

  /** The whole source. */
  read(): Part {
    const part = this.alternation();
    if (this.i < this.src.length) this.fail('an unmatched )');
    return part;
  }

  private fail(what: string): never {
    throw new Error(`first-chars: ${what} at ${this.i} of /${this.src.slice(0, 80)}…/`);
  }

  private alternation(): Part {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return { nullable: branches.some((b) => b.nullable), first: branches.flatMap((b) => b.first) };
  }

  private sequence(): Part {
    const first: string[] = [];
    let nullable = true;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const term = this.quantified(this.term());
      if (nullable) first.push(...term.first);
      nullable &&= term.nullable;
    }
    return { nullable, first };
  }

  private quantified(term: Part): Part {
    const rest = this.src.slice(this.i);
    const q = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})\??/.exec(rest);
    if (!q) return term;
    this.i += q[0].length;
    const min = q[0][0] === '+' ? 1 : q[1] !== undefined ? Number(q[1]) : 0;
    return { nullable: term.nullable || min === 0, first: term.first };
  }

  private term(): Part {
    const s = this.src;
    const c = s[this.i];
    if (c === '(') {
      const head = /^\((?:\?(?:<?[=!]|:|<[A-Za-z_$][\w$]*>))?/.exec(s.slice(this.i))![0];
      this.i += head.length;
      const inner = this.alternation();
      if (s[this.i] !== ')') this.fail('an unclosed group');
      this.i++;
      return /[=!]$/.test(head) ? ZERO_WIDTH : inner;
    }
    if (c === '[') {
      const end = this.classEnd(this.i);
      const atom = s.slice(this.i, end);
      this.i = end;
      return { nullable: false, first: [atom] };
    }
    if (c === '\\') {
      const e = s[this.i + 1];
      if (e === undefined || /[1-9kpPcxu0]/.test(e)) this.fail(`an unsupported escape \\${e ?? ''}`);
      this.i += 2;
      return e === 'b' || e === 'B' ? ZERO_WIDTH : { nullable: false, first: [`\\${e}`] };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return ZERO_WIDTH;
    }
    if (c === '{' || c === '}' || c === ']' || c === '*' || c === '+' || c === '?') this.fail(`a stray ${c}`);
    this.i++;
    return { nullable: false, first: [c] };
  }

  /** The index after the ] that closes the class opened at `start`. */
  private classEnd(start: number): number {
    let j = start + 1;
    if (this.src[j] === '^') j++;
    for (; j < this.src.length; j++) {
      if (this.src[j] === '\\') j++;
      else if (this.src[j] === ']') return j + 1;
    }
    return this.fail('an unclosed class');
  }
}

/**
 * A test, by UTF-16 code unit, of whether a non-empty match of one of the regex sources can begin
 * there. Answers are computed on first use and kept (a text holds a few thousand distinct characters).
 */
export function firstCharTest(...sources: string[]): (code: number) => boolean {
  const first = sources.flatMap((s) => new Reader(s).read().first);
  const atom = first.length ? new RegExp(`^(?:${first.join('|')})$`) : null;
  const known = new Int8Array(0x10000).fill(-1);
  return (code) => {
    let k = known[code];
    if (k < 0) known[code] = k = atom?.test(String.fromCharCode(code)) ? 1 : 0;
    return k === 1;
  };
}
