// A line of candidate article text, as the cleaning rules see it.

export interface Line {
  /** The line's text (raw for plain text, whitespace-collapsed for HTML). */
  text: string;
  /** How many of its characters are link text (HTML anchors); URLs in plain text are counted by the rules. */
  linkChars: number;
  /** An HTML heading: a headline wrapped in a link (a permalink) is still a headline. */
  heading?: boolean;
}

const MAX_REMOVAL_CHARS = 600;

/** Removal records keep long removals readable: the head of the text and how much was left out. */
export function abbreviate(text: string): string {
  if (text.length <= MAX_REMOVAL_CHARS) return text;
  return `${text.slice(0, MAX_REMOVAL_CHARS - 100)} … [${text.length - (MAX_REMOVAL_CHARS - 100)} more chars]`;
}
