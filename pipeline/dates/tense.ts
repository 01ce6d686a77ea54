// Which occurrence a bare day, month, weekday or time means when the sentence says it by its tense
// (--dates-prefer auto): "28일 회담했다" is a past 28th, "28일 회담할 예정이다" a coming one. The
// date goes with the first predicate after it (Korean is verb-final); when that predicate sits in a
// quotation whose reporting verb has another tense ("12일 실시한다고 밝혔다": the 12th may be either
// day), the sentence does not decide and the nearest occurrence stands.
import type { Direction } from './normalize.js';

/** Hangul syllables with a given final consonant (ㄴ 4, ㄹ 8, ㅆ 20). */
function withFinal(jong: number, except = ''): string {
  let out = '';
  for (let c = 0xac00 + jong; c <= 0xd7a3; c += 28) if (!except.includes(String.fromCharCode(c))) out += String.fromCharCode(c);
  return out;
}

/** 할 예정, 열릴 계획, 할 것, 예정이다, 하겠다: a coming event. (예정돼 있었다 is past: no match.) */
const FUTURE = `[${withFinal(8)}]\\s?(?:예정|계획|방침|것|전망)|예정(?:이다|이며|이라|입니다|인|이고)|겠`;
/** 했, 됐, 였, 었, 았 …: a past predicate (있 is "there is", 겠 the future). */
const PAST = `[${withFinal(20, '있겠')}]`;
/** 한다, 열린다, 먹는다: the present, a coming event only where the sentence also says 오는. */
const PRESENT = `(?:[${withFinal(4)}]|는)다(?=[\\s.,!?"'”’)]|고|며|$)`;
const MARKER = new RegExp(`(?<future>${FUTURE})|(?<past>${PAST})|(?<present>${PRESENT})`, 'g');
/** The rest of a word that makes its predicate a quotation: 했다고, 할 예정이라며. */
const QUOTED = /^[가-힣]*?(?:[다라냐자]고|[다라]며)(?![가-힣])/;
/** How far after a date its predicate is looked for (keeps the stage linear in the text). */
const REACH = 200;

type Tense = 'past' | 'future';

/** The tense of the first predicate in `text[from, to)` and whether the sentence decides it; null: no decision. */
export function tenseAfter(text: string, from: number, to: number): Direction | null {
  const clause = text.slice(from, Math.min(to, from + REACH));
  // Asked only of a present predicate.
  let future: boolean | undefined;
  const saysComing = () => (future ??= /오는|다가오는/.test(text.slice(Math.max(0, from - REACH), from)) || /오는|다가오는/.test(clause));
  let first: { tense: Tense; quoted: boolean } | null = null;
  let last: Tense | null = null;
  for (const m of clause.matchAll(MARKER)) {
    const g = m.groups!;
    const tense: Tense | null = g.future ? 'future' : g.past ? 'past' : saysComing() ? 'future' : null;
    if (!tense) continue;
    if (!first) {
      // From the marker's last syllable: "했다고", "한다고", "예정이라며".
      first = { tense, quoted: QUOTED.test(clause.slice(m.index + m[0].length - 1)) };
      // Only a quotation needs the predicates after it (the reporting verb is the last one).
      if (!first.quoted) break;
    }
    last = tense;
  }
  if (!first || (first.quoted && last !== first.tense)) return null;
  return first.tense === 'past' ? 'onOrBefore' : 'onOrAfter';
}

/** The ends of the sentences of a text (index after the end mark or the line break), in order. */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?。](?=\s|$)|\n/g)) ends.push(m.index + m[0].length);
  ends.push(text.length);
  return ends;
}
