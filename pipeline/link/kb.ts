// PLACEHOLDER until the knowledge base lands.
import type { Term } from '../types.js';
export interface KnowledgeBase { terms(): Term[] }
export async function loadKnowledgeBase(): Promise<KnowledgeBase> { return { terms: () => [] }; }
