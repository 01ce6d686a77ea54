import { readKnowledgeBase, defaultKbDir, formatIssue } from '../pipeline/link/kb.js';
const kb = readKnowledgeBase(defaultKbDir()); for (const i of kb.issues) console.log(formatIssue(i)); console.log(kb.entities.size);
