// The review page end to end in real headless Chromium (Debian's, driven by playwright-core): a
// store built by the pipeline over the seeds, the queue, an article, a relink and span fixes made
// with the keyboard, a reload that keeps them, the gold export, and `hanlink eval` on the export.
// Skips, saying so, where /usr/bin/chromium is missing (CI installs `chromium fonts-noto-cjk`).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { loadGold } from '../../pipeline/eval/gold.js';
import { openSources } from '../../pipeline/review/data.js';
import { reportHtml } from '../../pipeline/review/report.js';
import { startReviewServer, type ReviewServer } from '../../pipeline/review/server.js';
import { packageRoot } from '../../pipeline/run/package.js';
import { handMadeStore, HOSTILE, seedStore } from './stores.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`test/review/browser.test.ts: SKIPPED: no ${CHROMIUM}; install Debian's chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk)`);

const SCREENSHOTS = join(packageRoot(), 'test-output');
const dir = mkdtempSync(join(tmpdir(), 'hanlink-browser-'));
const exportDir = join(dir, 'gold');
type Sources = Awaited<ReturnType<typeof openSources>>;
let context: BrowserContext;
const opened: { sources: Sources; server: ReviewServer }[] = [];

async function serve(db: string): Promise<ReviewServer> {
  const sources = await openSources(db);
  const server = await startReviewServer({ sources, host: '127.0.0.1', port: 0, reviewer: 'browser-test', exportDir });
  opened.push({ sources, server });
  return server;
}

/** A page that fails the test on any script error or failed request. */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  return { page, problems };
}

/** Presses j until the focused mention matches `test` (reading its class and text); returns its span. */
async function focusMention(page: Page, test: (cls: string, text: string) => boolean, max = 200): Promise<{ start: number; end: number; text: string }> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('j');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { cls: el.className, text: el.textContent ?? '', start: Number(el.dataset.start), end: Number(el.dataset.end) };
    });
    if (test(f.cls, f.text)) return f;
  }
  throw new Error('no such mention');
}

describe.skipIf(!haveChromium)('the review page in Chromium', () => {
  beforeAll(async () => {
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1366, height: 900 },
    });
  });
  afterAll(async () => {
    await context?.close();
    for (const { server, sources } of opened) {
      await server.close();
      sources.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('reviews an article: queue, relink and span fixes by keyboard, kept on reload, exported as gold that hanlink eval scores', async () => {
    const db = join(dir, 'seeds.sqlite');
    const runId = await seedStore(db, dir);
    const server = await serve(db);
    const { page, problems } = await newPage();

    // Runs → queue (keyboard), charts, filters.
    await page.goto(server.url);
    await page.locator('tbody tr').first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/#/run/${runId}`);
    await expect.poll(() => page.locator('#queue tbody tr').count()).toBe(5);
    expect(await page.locator('.chart svg').count()).toBe(4);
    await page.fill('#entity-filter', 'person:lloyd-austin');
    const austin = await page.locator('#queue tbody tr').count();
    expect(austin).toBeGreaterThan(0);
    expect(austin).toBeLessThan(5);
    await page.fill('#entity-filter', '');
    await page.selectOption('#band-filter', 'low');
    expect(await page.locator('#queue tbody tr').count()).toBeGreaterThan(0);
    await page.selectOption('#band-filter', '');

    // Open the article on the vice ministers' call of 2023-07-24 (Chang Ho-jin, Wendy Sherman, Mori Takeo).
    await page.click('text=002_269dde5413313624');
    await page.locator('#text .ent').first().waitFor();
    expect(await page.locator('#text').textContent()).toContain('웬디 셔먼');

    // Relink the first person mention (장호진) by keyboard: l, / search, type, Enter.
    const first = await focusMention(page, (cls) => /\bent PS\b/.test(cls));
    await page.keyboard.press('l');
    await page.locator('#relink-dialog').waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('셔먼');
    await page.locator('#kb-results li').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toContain('saved: relink');

    // Fix a span: the next person mention loses its last character (Shift+←).
    const second = await focusMention(page, (cls, text) => /\bent PS\b/.test(cls) && text.length >= 2);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => page.locator('#status').textContent()).toContain('saved: resize');

    // Create a span from a text selection: two Hangul letters outside any mention → c, 3 (LC).
    const created = await page.evaluate(() => {
      for (const piece of document.querySelectorAll<HTMLElement>('#text > span[data-o]')) {
        const m = /[가-힣]{2}/.exec(piece.textContent ?? '');
        if (!m) continue;
        const range = document.createRange();
        range.setStart(piece.firstChild!, m.index);
        range.setEnd(piece.firstChild!, m.index + 2);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return { start: Number(piece.dataset.o) + m.index, text: m[0] };
      }
      return null;
    });
    expect(created).not.toBeNull();
    await page.keyboard.press('c');
    await page.locator('#type-dialog').waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => page.locator('#status').textContent()).toContain('saved: create');

    // Fix a date value: the first DT mention → e, type the value, Enter.
    const date = await focusMention(page, (cls) => /\bent DT\b/.test(cls));
    await page.keyboard.press('e');
    await page.fill('#date-value', '2024-10-30');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toContain('saved: date');
    await page.keyboard.press('d');
    await expect.poll(() => page.locator('.badge.ok').count()).toBe(1);

    // Help overlay lists the shortcuts.
    await page.keyboard.press('?');
    expect(await page.locator('#help').textContent()).toContain('relink');
    await page.keyboard.press('Escape');

    // Reload: every correction is still there.
    await page.reload();
    await page.locator('#text .ent').first().waitFor();
    expect(await page.locator('#corrections li').count()).toBe(5);
    expect(await page.locator(`#text .ent[data-start="${second.start}"][data-end="${second.end - 1}"]`).count()).toBe(1);
    expect(await page.locator(`#text .ent.LC.corrected[data-start="${created!.start}"]`).textContent()).toBe(created!.text);
    expect(await page.locator('.badge.ok').textContent()).toContain('reviewed');
    expect(await page.locator('.agreement h2').textContent()).toContain('differs from the review');

    // Undo takes back the last correction; d marks it reviewed again.
    await page.keyboard.press('u');
    await expect.poll(() => page.locator('.badge.ok').count()).toBe(0);
    expect(await page.locator('#corrections li.undone').count()).toBe(1);
    await page.keyboard.press('d');
    await expect.poll(() => page.locator('.badge.ok').count()).toBe(1);

    // Screenshot of the article view with the relinked mention's details showing.
    await page.locator(`#text .ent[data-start="${first.start}"]`).focus();
    await page.locator(`#text .ent[data-start="${first.start}"]`).hover();
    await expect.poll(() => page.locator('#tip').textContent()).toContain('Wendy Sherman');
    expect(await page.locator('#tip').textContent()).toContain('on 2023-07-24: 국무부 부장관 (United States Deputy Secretary of State)'); // her office on the article's date
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'review-article.png') });

    // The original source is one click away.
    await page.click('#source-link');
    await page.locator('pre.original').waitFor();
    expect(await page.locator('pre.original').textContent()).toContain('장호진');
    expect(await page.locator('mark.removed').count()).toBeGreaterThan(0); // the seed's site menu, struck through

    // Export from the queue (x), then score the pipeline against the exported gold.
    await page.keyboard.press('Escape');
    await page.locator('#text').waitFor();
    await page.keyboard.press('g');
    await page.locator('#queue').waitFor();
    await page.keyboard.press('x');
    await expect.poll(() => page.locator('#export-result').textContent()).toContain('1 gold file(s) written');
    const [gold] = loadGold([exportDir]);
    expect(gold.id).toBe('002_269dde5413313624');
    expect(gold.entities.find((e) => e.start === first.start)?.link).toBe('person:wendy-sherman');
    expect(gold.entities.find((e) => e.start === second.start)?.end).toBe(second.end - 1);
    expect(gold.entities.find((e) => e.start === created!.start)).toMatchObject({ type: 'LC', text: created!.text, link: 'nil' });
    expect(gold.dates.find((d) => d.start === date.start)?.value).toBe('2024-10-30');

    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    let status: number;
    try {
      status = await main(['node', 'hanlink', 'eval', exportDir, '--json', '--baseline', join(dir, 'no-baseline.json')]);
    } finally {
      write.mockRestore();
    }
    expect(status).toBe(0);
    const { metrics } = JSON.parse(out.join(''));
    // The run keeps the span and link the reviewer changed, so it cannot agree fully with this gold.
    expect(metrics['ner.strict.f1']).toBeGreaterThan(0.5);
    expect(metrics['ner.strict.f1']).toBeLessThan(1);
    expect(metrics['link.accuracy']).toBeLessThan(1);
    expect(problems).toEqual([]);
  }, 400_000); // the pipeline runs twice (the store, then eval): slow on a loaded 2-core machine

  it('shows hostile article text as text, on the page and in the static report', async () => {
    const db = join(dir, 'hostile.sqlite');
    handMadeStore(db);
    const server = await serve(db);
    const { page, problems } = await newPage();
    await page.goto(`${server.url}#/run/1/a/0`);
    await page.locator('#text .ent').first().waitFor();
    expect(await page.locator('#text').textContent()).toBe(HOSTILE);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#text script, #text img').count()).toBe(0);

    const file = join(dir, 'report.html');
    writeFileSync(file, reportHtml(opened[opened.length - 1].sources, 1));
    await page.goto(`${pathToFileURL(file).href}#/run/1/a/0`);
    await page.locator('#text .ent').first().waitFor();
    expect(await page.locator('#text').textContent()).toBe(HOSTILE);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.goto(`${pathToFileURL(file).href}#/run/1`);
    await expect.poll(() => page.locator('#queue tbody tr').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
