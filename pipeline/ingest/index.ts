// PLACEHOLDER until the ingest work lands: plain UTF-8 text only.
import { emptyArticle, type Article } from '../types.js';

export interface InputItem {
  id: string;
  source: string;
  kind: 'txt' | 'md' | 'html' | 'jsonl';
  /** The file's bytes (file kinds). */
  bytes?: Uint8Array;
  /** The parsed JSONL record (jsonl kind). */
  record?: unknown;
  /** Why the item could not even be read (unreadable file, a JSONL line that is not JSON). */
  error?: string;
}

export function ingest(item: InputItem): Article {
  if (item.error) throw new Error(item.error);
  return emptyArticle({ id: item.id, source: item.source, text: new TextDecoder().decode(item.bytes) });
}
