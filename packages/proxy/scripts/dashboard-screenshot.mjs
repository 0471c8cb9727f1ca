#!/usr/bin/env node
// Makes the README's dashboard screenshot from real tool output: every case of the evaluation corpus
// goes through a proxy (in a temporary HEADROOM_HOME, in front of a local fake upstream) as the tool
// result of an agent turn, Anthropic and OpenAI Chat alternating, one of them with the model retrieving
// its original; then Debian's Chromium opens /dashboard and the page is saved.
//
//   node packages/proxy/scripts/dashboard-screenshot.mjs [corpus dir] [out.png]
//   (after a build; defaults: ../shared/bench/corpus beside the repository, apps/dashboard/screenshot.png;
//   the request view goes beside it as screenshot-request.png: the log compressed most, or the request
//   of another content type with SHOT_TYPE=json, code, …)
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const corpus = resolve(process.argv[2] ?? join(root, '..', 'shared', 'bench', 'corpus'));
const out = resolve(process.argv[3] ?? join(root, 'apps', 'dashboard', 'screenshot.png'));
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!executablePath) throw new Error('no Chromium at /usr/bin/chromium: apt-get install chromium');
process.env.HEADROOM_HOME = mkdtempSync(join(tmpdir(), 'headroom-screenshot-'));
const { startProxy } = await import('../dist/index.js');

// The fake upstream answers like each API would, and asks for one retrieval when told to.
let retrieveKey;
const upstream = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const retrieved = JSON.stringify(body).includes('"tool_use_id":"toolu_hr');
    const usage = { input_tokens: 1800, output_tokens: 120, cache_read_input_tokens: 1200, cache_creation_input_tokens: 300 };
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url.startsWith('/v1/messages')) {
      const content = retrieveKey && !retrieved ? [{ type: 'tool_use', id: 'toolu_hr1', name: 'headroom_retrieve', input: { key: retrieveKey } }] : [{ type: 'text', text: 'Done.' }];
      res.end(JSON.stringify({ id: 'msg', type: 'message', role: 'assistant', model: body.model, content, stop_reason: content[0].type === 'tool_use' ? 'tool_use' : 'end_turn', usage }));
    } else {
      res.end(JSON.stringify({ id: 'c', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: 'Done.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 2100, completion_tokens: 90, prompt_tokens_details: { cached_tokens: 1024 } } }));
    }
  });
});
await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
const up = `http://127.0.0.1:${upstream.address().port}`;
const proxy = await startProxy({ port: 0, upstreams: { anthropic: up, openai: up } });

const TOOLS = { 'git-diff': 'Bash', grep: 'Grep', code: 'read_source', 'json-api': 'fetch_api', json: 'mcp_tool', logs: 'Bash', test: 'Bash', build: 'Bash', shell: 'Bash', deps: 'Bash', prose: 'WebFetch', transcript: 'Task' };
const cases = readdirSync(corpus).filter((d) => existsSync(join(corpus, d, 'case.json'))).sort();
for (const [i, name] of cases.entries()) {
  const c = JSON.parse(readFileSync(join(corpus, name, 'case.json'), 'utf8'));
  const text = readFileSync(join(corpus, name, c.input), 'utf8');
  const tool = TOOLS[Object.keys(TOOLS).find((k) => name.startsWith(k))] ?? 'Bash';
  const anthropic = i % 2 === 0;
  const messages = anthropic
    ? [{ role: 'user', content: c.query }, { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: tool, input: {} }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: text }] }]
    : [{ role: 'user', content: c.query }, { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: tool, arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'call_1', content: text }];
  const send = () =>
    fetch(`${proxy.url}${anthropic ? '/v1/messages' : '/v1/chat/completions'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', authorization: 'Bearer k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: anthropic ? 'claude-sonnet-4-6' : 'gpt-4.1', max_tokens: 1000, messages }),
    }).then((r) => r.text());
  await send();
  if (name.startsWith('json-api-k8s')) {
    // The model asks for this one's original back: its tokens count against the saving.
    const page = await (await fetch(`${proxy.url}/v1/requests?limit=1`)).json();
    retrieveKey = page.requests[0].blocks[0]?.keys[0];
    await send();
    retrieveKey = undefined;
  }
  await new Promise((r) => setTimeout(r, 150));
}

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
await page.goto(`${proxy.url}/dashboard`);
await page.locator('#status.ok').waitFor();
await page.screenshot({ path: out, fullPage: true });
// And one request: the one of that content type compressed most, its original beside what was sent.
const all = await (await fetch(`${proxy.url}/v1/requests?contentType=${process.env.SHOT_TYPE ?? 'log'}&limit=500`)).json();
const log = all.requests.sort((a, b) => a.tokensAfter / a.tokensBefore - b.tokensAfter / b.tokensBefore)[0];
await page.goto(`${proxy.url}/dashboard#/requests/${log.id}`);
await page.locator(`[data-request="${log.id}"]`).waitFor();
await page.screenshot({ path: out.replace(/\.png$/, '-request.png') });
await browser.close();
await proxy.close();
upstream.close();
console.log(`${out}: ${cases.length} corpus cases through the proxy`);
