// The dashboard in a real browser: Debian's headless Chromium driven by playwright-core (never a
// downloaded browser). A proxy in front of a fake upstream takes real traffic; the page's totals must
// equal /stats, and a request opened from the list shows its block side by side. Screenshots go to
// test-results/ of this package.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../src/index.js';
import type { LedgerSnapshot } from '../src/ledger.js';
import { FakeUpstream } from './support/fake-upstream.js';
import { anthropicHistory, anthropicMessage, chatCompletion, chatHistory, retrieveUse, SERVICES } from './support/fixtures.js';

const CHROMIUM = [process.env.HEADROOM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!CHROMIUM) {
  console.warn('dashboard browser test SKIPPED: no Chromium at /usr/bin/chromium (apt-get install chromium, or set HEADROOM_CHROMIUM)');
}
const OUT = join(import.meta.dirname, '..', 'test-results');

const home = mkdtempSync(join(tmpdir(), 'headroom-dashboard-'));
process.env.HEADROOM_HOME = home;
const upstream = new FakeUpstream();
let proxy: RunningProxy;
let browser: Browser;
let page: Page;
let key = '';
/** Exceptions thrown in the page: there must be none. */
const pageErrors: string[] = [];

const LOG =
  Array.from({ length: 400 }, (_, i) => `2026-11-21T12:${String(i % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z INFO worker ${i % 4} handled job ${1000 + i} in ${20 + (i % 9)} ms`).join('\n') +
  '\n2026-11-21T12:59:59Z ERROR worker 2 job 1399 failed: connection refused (db:5432)\n';

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(`${proxy.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k', 'x-api-key': 'k', 'anthropic-version': '2023-06-01', ...headers }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

/** The figure a card shows, as a number (the page prints thousands separators). */
const card = async (stat: string) => Number((await page.locator(`[data-stat="${stat}"]`).textContent())!.replace(/,/g, ''));

// A browser on a busy shared machine: generous limits (nothing here measures time).
describe.skipIf(!CHROMIUM)('the dashboard in Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await upstream.start();
    proxy = await startProxy({ port: 0, home, budgetMs: 30_000, upstreams: { anthropic: upstream.url, openai: upstream.url } });
    // Real traffic: a compressed request, the same conversation with the model retrieving the
    // original, an OpenAI Chat request with a log, and a bypassed one.
    upstream.script({ json: anthropicMessage([{ type: 'text', text: 'x' }]) });
    await post('/v1/messages', { model: 'claude-sonnet-4-6', max_tokens: 100, messages: anthropicHistory() });
    key = /key=(hr_[0-9a-f]{24})/.exec(JSON.stringify(upstream.received[0]!.json!.messages))![1]!;
    upstream.script({ json: anthropicMessage([retrieveUse(key)], 'tool_use') }, { json: anthropicMessage([{ type: 'text', text: 'service-137 is failing' }]) });
    await post('/v1/messages', { model: 'claude-sonnet-4-6', max_tokens: 100, messages: anthropicHistory() });
    upstream.script({ json: chatCompletion({ role: 'assistant', content: 'the database refused connections' }) });
    const chat = chatHistory();
    chat[0] = { role: 'user', content: 'why did job 1399 fail?' };
    (chat[2] as { content: string }).content = LOG;
    await post('/v1/chat/completions', { model: 'gpt-4o', messages: chat });
    await post('/v1/chat/completions', { model: 'gpt-4o', messages: chatHistory() }, { 'x-headroom-bypass': '1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    mkdirSync(OUT, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await upstream.stop();
  });

  it('shows the totals /stats reports, the chart and every request', async () => {
    await page.goto(`${proxy.url}/dashboard`);
    await page.locator('#status.ok').waitFor();
    const stats = (await (await fetch(`${proxy.url}/stats`)).json()) as LedgerSnapshot;
    const t = stats.totals;
    expect(t.requests).toBe(4);
    expect(t.retrievals).toBe(1);
    expect(await card('requests')).toBe(t.requests);
    expect(await card('tokensBefore')).toBe(t.tokensBefore);
    expect(await card('tokensAfter')).toBe(t.tokensAfter);
    expect(await card('retrievalTokens')).toBe(t.retrievalTokens);
    expect(await card('netSavedTokens')).toBe(t.netSavedTokens);
    expect(await card('inputTokens')).toBe(t.inputTokens);
    expect(await card('outputTokens')).toBe(t.outputTokens);
    expect(t.netSavedTokens).toBeGreaterThan(0);
    // uPlot drew its canvas; the breakdowns name the tools and content types the proxy saw.
    expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);
    const breakdowns = (await page.locator('#breakdowns').textContent())!;
    for (const name of ['list_services', 'json', 'log', 'anthropic claude-sonnet-4-6', 'openai gpt-4o']) expect(breakdowns).toContain(name);
    expect(await page.locator('#rows tr').count()).toBe(4);
    await page.screenshot({ path: join(OUT, 'dashboard.png'), fullPage: true });
  });

  it('filters the list', async () => {
    await page.selectOption('select[name="outcome"]', 'retrieval');
    await expect.poll(() => page.locator('#rows tr').count()).toBe(1);
    expect(await page.locator('#rows tr').first().getAttribute('data-id')).toBe('2');
    await page.selectOption('select[name="outcome"]', '');
    await expect.poll(() => page.locator('#rows tr').count()).toBe(4);
  });

  it('opens a request: original beside what was sent, omissions highlighted, the marker key linking to the original', async () => {
    // Anywhere on the row, not only its id link.
    await page.locator('#rows tr[data-id="2"] td').nth(4).click();
    await page.locator('[data-request="2"]').waitFor();
    const block = page.locator('[data-block="0"]');
    const original = await block.locator('pre.original').textContent();
    expect(original).toBe(SERVICES);
    // The minified array is judged per element: the rows the table kept are "sent in another form",
    // the others "not sent".
    const fateOf = async (text: string) => block.locator('pre.original span', { hasText: text }).getAttribute('class');
    expect(await fateOf('"service-137"')).toBe('rewritten');
    expect(await fateOf('"service-299"')).toBe('rewritten');
    expect(await fateOf('"service-50"')).toBe('omitted');
    expect(await block.locator('pre.original .omitted').count()).toBe(293);
    const link = block.locator('pre.compressed a.key');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/v1\/retrieve\/hr_[0-9a-f]{24}$/);
    // The link brings back the exact original.
    expect(await (await fetch(`${proxy.url}${href}`)).text()).toBe(SERVICES);
    const trace = (await (await fetch(`${proxy.url}/v1/requests/2`)).json()) as { retrievalTokens: number; netSavedTokens: number };
    const facts = (await page.locator('#request .facts').textContent())!;
    expect(facts).toContain(`1 round · round 1: ${key} (${trace.retrievalTokens.toLocaleString('en-US')} tokens put back)`);
    expect(facts).toContain(`${trace.netSavedTokens.toLocaleString('en-US')} tokens`);
    await page.screenshot({ path: join(OUT, 'dashboard-request.png'), fullPage: true });
  });

  it('a log: the error line sent verbatim, repeated lines folded into the marker shown as not sent', async () => {
    await page.goto(`${proxy.url}/dashboard#/requests/3`);
    await page.locator('[data-request="3"]').waitFor();
    const original = page.locator('[data-block="0"] pre.original');
    expect(await original.textContent()).toBe(LOG);
    const error = 'ERROR worker 2 job 1399 failed: connection refused (db:5432)';
    expect(await page.locator('[data-block="0"] pre.compressed').textContent()).toContain(error);
    expect(await original.locator('span', { hasText: error }).count()).toBe(0);
    expect(await original.locator('span.omitted', { hasText: 'handled job 1005 in' }).count()).toBe(1);
    expect(await original.locator('span.rewritten').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
