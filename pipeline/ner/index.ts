// PLACEHOLDER until the NER work lands.
import type { Stage } from '../stage.js';
import type { KnowledgeBase } from '../link/kb.js';
export interface NerResources { onnxDir?: string }
export async function loadNer(opts: { onnxDir?: string; kb: KnowledgeBase }): Promise<NerResources> { return { onnxDir: opts.onnxDir }; }
export const nerStage: Stage = { name: 'ner', run: (doc) => doc };
