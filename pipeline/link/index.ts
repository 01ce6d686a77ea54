// PLACEHOLDER until the linking work lands.
import type { Stage } from '../stage.js';
export const linkStage: Stage = { name: 'link', run: (doc) => doc };
