import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { check } from '../src/check.js';
import { scenarioReport, summaryEntry, REPORT_FORMAT, type RunSummary, type ScenarioReport } from '../src/report/model.js';
import { htmlScenario } from '../src/report/html.js';
import type { TraceEvent } from '../src/model/trace.js';
import { selectScenarios } from '../src/subjects/registry.js';
import { writeRunIndex, writeScenarioFiles } from '../src/report/write-run.js';

const CHROMIUM = '/usr/bin/chromium';
// CI installs chromium with apt (.ci/run) and must run this; elsewhere a missing browser skips it, saying so.
const available = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!available) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Where the screenshots go (for people to look at); the pages themselves go to a fresh folder per test run. */
const SHOTS = fileURLToPath(new URL('../reports/browser-check', import.meta.url));
let OUT = '';

/** Opens a file:// page, collecting console errors and page errors. */
async function open(context: BrowserContext, file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  return { page, errors };
}

/** 8 tasks × 300 steps with long runs of one task, to see folding at work. */
function bigTrace(): TraceEvent[] {
  const trace: TraceEvent[] = [];
  for (let i = 0; i < 300; i++) {
    const task = Math.floor(i / 20) % 8;
    trace.push({ step: i + 1, task, label: `op ${i % 20}`, kind: 'manual', value: i, ...(i % 20 === 0 && i > 0 ? { preemption: true } : {}), at: Math.floor(i / 10) * 5 });
  }
  return trace;
}

describe.skipIf(!available)('reports in a real browser (headless chromium)', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    // A folder of its own, so test runs side by side never delete each other's pages.
    OUT = await mkdtemp(join(tmpdir(), 'racekit-report-'));
    await mkdir(SHOTS, { recursive: true });
    const reports: ScenarioReport[] = [];
    for (const s of selectScenarios(['counter/unlocked', 'counter/locked'])) {
      const r = scenarioReport(s, await check(s.scenario, { ...s.options, strategy: 'portfolio', runs: s.variant === 'locked' ? 20 : s.runs, seed: 3 }));
      reports.push(r);
    }
    const dir = { root: tmpdir(), id: 'browser-check', path: OUT };
    for (const r of reports) await writeScenarioFiles(dir, r, `npx racekit replay ${r.name.replace('/', '-')}.json`);
    const summary: RunSummary = {
      racekit: REPORT_FORMAT,
      run: 'browser-check',
      seed: 3,
      strategy: 'portfolio',
      startedAt: new Date(0).toISOString(),
      ms: 0,
      partial: false,
      ok: reports.every((r) => r.ok),
      scenarios: reports.map((r) => summaryEntry(r, `${r.name.replace('/', '-')}.json`)),
    };
    await writeRunIndex(dir, summary, reports, () => 'npx racekit replay …');
    const big: ScenarioReport = { ...reports[0]!, name: 'synthetic/eight-by-300', traceSteps: 300, failure: { ...reports[0]!.failure!, message: 'synthetic: 8 tasks × 300 steps', trace: bigTrace(), taskNames: ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'] } };
    await writeFile(join(OUT, 'synthetic-big.html'), htmlScenario(big, 'npx racekit replay …'));
    const stress: ScenarioReport = {
      ...reports[0]!,
      name: 'synthetic/stress',
      strategy: 'stress',
      traceSteps: 0,
      histogram: [{ outcome: 'counter = 200000', count: 45, class: 'acceptable' }, ...Array.from({ length: 20 }, (_, i) => ({ outcome: `counter = ${100_000 + i * 997}`, count: 1 + (i % 3), class: 'forbidden' as const }))],
      failure: { ...reports[0]!.failure!, message: 'forbidden outcomes in 39 of 84 rounds', trace: [], replay: '' },
    };
    await writeFile(join(OUT, 'synthetic-stress.html'), htmlScenario(stress, 'npx racekit replay …'));
    profile = await mkdtemp(join(tmpdir(), 'racekit-chromium-'));
    // A fresh profile each time; playwright passes it as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 720 } });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    if (OUT) await rm(OUT, { recursive: true, force: true });
  });

  it('index.html: the contrast and every scenario, linked, no console errors', async () => {
    const { page, errors } = await open(context, join(OUT, 'index.html'));
    await expect.poll(() => page.locator('.card').count()).toBe(2);
    expect(await page.locator('.card.ok[data-scenario="counter/unlocked"]').innerText()).toMatch(/caught at run \d+ .*with a 4-step trace/);
    expect(await page.locator('.card.ok[data-scenario="counter/locked"]').innerText()).toMatch(/clean after 20 runs/);
    expect(await page.locator('table.summary tbody tr').count()).toBe(2);
    expect(await page.locator('a[href="counter-unlocked.html"]').first().isVisible()).toBe(true);
    expect(await page.locator('body').innerText()).toMatch(/--seed 3 --strategy portfolio/);
    await page.screenshot({ path: join(SHOTS, 'index.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('the lost update: two lanes, four steps, the breaking step highlighted with the message beside it', async () => {
    const { page, errors } = await open(context, join(OUT, 'counter-unlocked.html'));
    const lanes = page.locator('.lane-head.lane');
    expect(await lanes.allInnerTexts()).toEqual(['A', 'B']);
    const steps = page.locator('.step');
    expect(await steps.count()).toBe(4);
    for (let i = 0; i < 4; i++) expect(await steps.nth(i).isVisible()).toBe(true);
    const broke = page.locator('.step.broke');
    expect(await broke.isVisible()).toBe(true);
    expect(await broke.innerText()).toMatch(/write → 1/);
    expect(await page.locator('.why').innerText()).toMatch(/invariant\s+counter is 1, expected 2/);
    expect(await page.locator('.step.pre').count()).toBe(1);
    await steps.first().click();
    expect(await page.locator('#details').innerText()).toMatch(/step 1 · A resumed at “read”.*\n.*noted: 0/);
    await page.screenshot({ path: join(SHOTS, 'counter-unlocked.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('8 tasks × 300 steps: long runs folded, unfolding shows every step, the clock shown', async () => {
    const { page, errors } = await open(context, join(OUT, 'synthetic-big.html'));
    expect(await page.locator('.lane-head.lane').count()).toBe(8);
    const visible = () => page.locator('.step:not(.folded)').count();
    const folded = await visible();
    expect(folded).toBeLessThan(300);
    expect(await page.locator('.step.broke').isVisible()).toBe(true);
    // Eight lanes leave no room for a message column: the message takes the row under the step.
    expect(await page.locator('.why').innerText()).toMatch(/↑ step 300: invariant synthetic: 8 tasks × 300 steps/);
    expect(await page.locator('.clock.tick').first().innerText()).toBe('0 ms');
    await page.locator('.fold').first().click();
    expect(await visible()).toBe(folded + 16);
    await page.locator('#unfold-all').click();
    expect(await visible()).toBe(300);
    expect(await page.locator('.fold').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'synthetic-big.png') });
    expect(errors).toEqual([]);
  });

  it('stress mode: acceptable against forbidden, the outcomes, the long tail folded; no timeline', async () => {
    const { page, errors } = await open(context, join(OUT, 'synthetic-stress.html'));
    expect(await page.locator('table.classes tr.forbidden').innerText()).toMatch(/forbidden \(20 distinct\)\s+forbidden\s+39/);
    expect(await page.locator('table.hist:not(.classes) tr.acceptable').first().isVisible()).toBe(true);
    const tail = page.locator('details table tr.forbidden');
    expect(await tail.count()).toBe(9);
    expect(await tail.first().isVisible()).toBe(false);
    await page.locator('details summary').click();
    expect(await tail.first().isVisible()).toBe(true);
    expect(await page.locator('.timeline').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'synthetic-stress.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
