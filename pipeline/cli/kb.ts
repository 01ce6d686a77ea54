// `hanlink kb check [DIR]` validates the knowledge base (ids, dates, references, alias collisions);
// `hanlink kb find QUERY` shows the records an alias may name, with their offices.
import type { Command } from 'commander';
import { defaultKbDir, formatIssue, readKnowledgeBase, type KbEntity, type KnowledgeBase } from '../link/kb.js';

function describe(kb: KnowledgeBase, e: KbEntity): string {
  const lines = [`${e.id}  ${e.name.ko} / ${e.name.en}${e.name.ja ? ` / ${e.name.ja}` : ''}${e.country ? `  [${e.country}]` : ''}`];
  const aliases = [...e.aliases.ko, ...e.aliases.en, ...e.aliases.ja];
  if (aliases.length) lines.push(`    aliases: ${aliases.join(', ')}`);
  if (e.type === 'person') {
    for (const o of e.offices) {
      const t = kb.get(o.title);
      const title = t ? `${t.name.ko} (${t.name.en})` : o.title;
      lines.push(`    ${o.from ?? '?'} – ${o.to === null ? 'incumbent' : o.to ?? '?'}  ${title}${o.acting ? ' (acting)' : ''}${o.source ? `  [${o.source}]` : ''}`);
    }
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  const kb = program.command('kb').description('inspect and validate the knowledge base (models/kb/)');
  kb.command('check [dir]')
    .description('validate the KB files: schema, unique ids, ordered dates, references, alias collisions, office sources; print when the facts were last checked')
    .action((dir?: string) => {
      const base = readKnowledgeBase(dir ?? defaultKbDir());
      for (const i of base.issues) process.stdout.write(formatIssue(i) + '\n');
      const errors = base.issues.filter((i) => i.level === 'error').length;
      const unsourced = base.issues.filter((i) => i.level === 'warning' && i.message.endsWith('has no source')).length;
      process.stdout.write(`${base.entities.size} records, ${errors} error(s), ${base.issues.length - errors} warning(s)` +
        `${unsourced ? ` (${unsourced} offices without a source)` : ''}; facts last checked ${base.checked ?? 'never (no meta.yaml)'}\n`);
      process.exitCode = errors ? 1 : 0;
    });
  kb.command('find <query>')
    .description('records whose aliases match the query, with their offices')
    .option('--dir <dir>', 'KB directory', defaultKbDir())
    .action((query: string, opts: { dir: string }) => {
      const base = readKnowledgeBase(opts.dir);
      const found = base.find(query);
      for (const e of found) process.stdout.write(describe(base, e) + '\n');
      if (!found.length) process.stdout.write(`no record matches "${query}"\n`);
      process.exitCode = found.length ? 0 : 1;
    });
}
