// PLACEHOLDER until the tokenization work lands.
import type { Stage } from '../stage.js';
import type { Term } from '../types.js';
export interface Tokenizers { terms: readonly Term[] }
export async function loadTokenizers(terms: readonly Term[]): Promise<Tokenizers> { return { terms }; }
export const tokenizeStage: Stage = { name: 'tokenize', run: (doc) => doc };
