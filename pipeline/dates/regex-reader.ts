// What a regex source says without running it: the characters a non-empty match can begin with
// (so that scan.ts tries a pattern row only where one of them stands: a digit, a space, the first
// syllable of a date word, instead of at every position of the text), and its capture groups in
// order (so that a row can run with numbered groups, which V8 fills much faster than named ones).
// The first characters may be too many (lookarounds are ignored) but never too few: a source this
// reader does not understand is an error, not a guess.

const QUANTIFIER = /(?:[?*+]|\{(\d+)(?:,\d*)?\})\??/y;
const GROUP = /\((?:\?(?:<?[=!]|:|<[A-Za-z_$][\w$]*>))?/y;

/**
 * One pass over a source. Each method reads one construct and says whether it can match the empty
 * string; where `first` is true, the single-character atoms (a literal, an escape, a class) that
 * can begin a match of the construct at that point are added to `atoms`. Capture groups are listed
 * in `captures` as they open (their names; null for an unnamed one).
 */
class Reader {
  private i = 0;
  readonly atoms = new Set<string>();
  readonly captures: Array<string | null> = [];
  constructor(private readonly src: string) {}

  read(): void {
    this.alternation(true);
    if (this.i < this.src.length) this.fail('an unmatched )');
  }

  private fail(what: string): never {
    throw new Error(`first-chars: ${what} at ${this.i} of /${this.src.slice(0, 80)}…/`);
  }

  private alternation(first: boolean): boolean {
    let nullable = this.sequence(first);
    while (this.src[this.i] === '|') {
      this.i++;
      nullable = this.sequence(first) || nullable;
    }
    return nullable;
  }

  private sequence(first: boolean): boolean {
    let nullable = true;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      nullable = this.quantified(first && nullable) && nullable;
    }
    return nullable;
  }

  private quantified(first: boolean): boolean {
    const nullable = this.term(first);
    QUANTIFIER.lastIndex = this.i;
    const q = QUANTIFIER.exec(this.src);
    if (!q) return nullable;
    this.i += q[0].length;
    return nullable || (q[0][0] !== '+' && (q[1] === undefined || Number(q[1]) === 0));
  }

  private term(first: boolean): boolean {
    const s = this.src;
    const c = s[this.i];
    if (c === '(') {
      GROUP.lastIndex = this.i;
      const head = GROUP.exec(s)![0];
      this.i += head.length;
      if (head === '(') this.captures.push(null);
      else if (head.endsWith('>')) this.captures.push(head.slice(3, -1));
      // A lookaround matches no character: what it asserts is left out (hence "too wide").
      const zeroWidth = /[=!]$/.test(head);
      const nullable = this.alternation(first && !zeroWidth);
      if (s[this.i] !== ')') this.fail('an unclosed group');
      this.i++;
      return zeroWidth || nullable;
    }
    if (c === '^' || c === '$') {
      this.i++;
      return true;
    }
    if (c === '{' || c === '}' || c === ']' || c === '*' || c === '+' || c === '?') this.fail(`a stray ${c}`);
    const start = this.i;
    if (c === '[') this.i = this.classEnd(start);
    else if (c === '\\') {
      const e = s[this.i + 1];
      if (e === undefined || /[1-9kpPcxu0]/.test(e)) this.fail(`an unsupported escape \\${e ?? ''}`);
      this.i += 2;
      if (e === 'b' || e === 'B') return true;
    } else this.i++;
    if (first) this.atoms.add(s.slice(start, this.i));
    return false;
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

export interface RegexShape {
  /** The atoms (sources of one-character regexes) that can begin a non-empty match. */
  first: Set<string>;
  /** The capture groups in the order of their numbers (1, 2, …): their names, null for unnamed ones. */
  captures: Array<string | null>;
}

export function readRegex(source: string): RegexShape {
  const reader = new Reader(source);
  reader.read();
  return { first: reader.atoms, captures: reader.captures };
}

/**
 * A test, by UTF-16 code unit, of whether one of the atoms matches there. Answers are computed on
 * first use and kept (a text holds a few thousand distinct characters).
 */
export function charTest(atoms: Iterable<string>): (code: number) => boolean {
  const all = [...atoms];
  const atom = all.length ? new RegExp(`^(?:${all.join('|')})$`) : null;
  const known = new Uint8Array(0x10000); // 0: not yet asked, 1: no, 2: yes
  return (code) => {
    let k = known[code];
    if (k === 0) known[code] = k = atom?.test(String.fromCharCode(code)) ? 2 : 1;
    return k === 2;
  };
}
