// PLACEHOLDER until the temporal work lands.
import type { Stage } from '../stage.js';
export const datesStage: Stage = { name: 'dates', run: (doc) => doc };
