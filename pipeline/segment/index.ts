// PLACEHOLDER until the segmentation work lands.
import type { Stage } from '../stage.js';
export const segmentStage: Stage = { name: 'segment', run: (doc) => doc };
