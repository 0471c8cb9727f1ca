// The installed tree, used the way the README says: every check runs a command in the install folder
// and asserts what a user would see.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './run.mjs';

function expect(ok, what, detail = '') {
  if (!ok) throw new Error(`${what}${detail ? `\n${detail}` : ''}`);
}

// A log with one failure among 600 routine lines: compressed, it must keep the failure and say what it dropped.
const LOG =
  Array.from({ length: 600 }, (_, i) => `2026-11-21T09:${String(i % 60).padStart(2, '0')}:00Z INFO worker ${i} finished job ${i * 7} in 12ms`).join('\n') +
  '\n2026-11-21T09:31:00Z ERROR worker 601 failed: certificate expired for api.example.org\n';
const FAILURE = 'ERROR worker 601 failed: certificate expired for api.example.org';

// Exactly as a user types it: `npx headroom …` runs the installed bin (with `--no` first, npx would take `--version` as its own).
const npx = (dir, env, args, opts = {}) => run('npx', ['headroom', ...args], { cwd: dir, env, ...opts });

export function version(dir, env, expected) {
  const out = npx(dir, env, ['--version']).trim();
  expect(out === expected, `npx headroom --version printed "${out}", expected ${expected}`);
  return out;
}

export function compressAndRetrieve(dir, env) {
  const file = join(dir, 'worker.log');
  writeFileSync(file, LOG);
  const r = npx(dir, env, ['compress', 'worker.log', '--query', 'why did worker 601 fail'], { allowFail: true });
  expect(r.status === 0, `headroom compress exited ${r.status}`, r.stderr);
  expect(r.stdout.includes(FAILURE), 'the compressed log lost the failure', r.stdout);
  const key = /\[headroom: omitted \d+ .*key=(hr_[0-9a-f]{24})/.exec(r.stdout)?.[1];
  expect(key !== undefined && r.stdout.length < LOG.length / 4, 'the log was not compressed behind a marker', r.stdout.slice(0, 2000));
  expect(/^headroom: log, .*tokens \(\d+\.\d% saved\)$/m.test(r.stderr), 'no savings line on stderr', r.stderr);
  const back = npx(dir, env, ['retrieve', key]);
  expect(back === LOG, `headroom retrieve ${key} did not give back the exact original`);
  return `${LOG.length} → ${r.stdout.length} bytes, retrieve ${key} exact`;
}

/** ONNX Runtime is not installed with the CLI: asking for Kompress says how to add it, exit 3; doctor says the same. */
export function kompressWithoutRuntime(dir, env) {
  const r = npx(dir, env, ['compress', 'worker.log', '--kompress'], { allowFail: true });
  expect(r.status === 3, `headroom compress --kompress without ONNX Runtime exited ${r.status}, expected 3`, r.stderr);
  expect(r.stderr.includes('[ORT_NOT_FOUND]') && r.stderr.includes('headroom model pull'), 'the message does not say how to install ONNX Runtime', r.stderr);
  const d = npx(dir, env, ['doctor', '--json', '--port', '0'], { allowFail: true });
  const checks = JSON.parse(d.stdout).checks;
  const ort = checks.find((c) => c.name === 'ONNX Runtime');
  expect(ort?.status === 'warn' && ort.fix.includes('headroom model pull'), 'doctor does not report the missing ONNX Runtime with a fix', JSON.stringify(ort));
  const addon = checks.find((c) => c.name === 'native addon');
  expect(addon?.status === 'ok', 'doctor cannot load the prebuilt addon', JSON.stringify(addon));
  return 'exit 3 with the fix; doctor: ONNX Runtime warn, native addon ok';
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** `headroom wrap -- node -e …` against a fake OpenAI upstream: the tool result arrives compressed, the answer as sent. */
export async function wrapAgainstFakeUpstream(dir, env) {
  const seen = [];
  const upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ url: req.url, auth: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'the certificate expired' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } }));
    });
  });
  const upstreamPort = await listen(upstream);
  const probe = createServer();
  const proxyPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  const agent = `
    const messages = [
      { role: 'user', content: 'why did worker 601 fail?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'bash', arguments: '{"cmd":"cat worker.log"}' } }] },
      { role: 'tool', tool_call_id: 't1', content: require('node:fs').readFileSync('worker.log', 'utf8') },
    ];
    fetch(process.env.OPENAI_BASE_URL + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-rehearsal' }, body: JSON.stringify({ model: 'gpt-4o', messages }) })
      .then(async (r) => { console.log(r.status, (await r.json()).choices[0].message.content); process.exit(7); })
      .catch((e) => { console.error(e); process.exit(1); });`;
  const wrapEnv = { ...env, HEADROOM_OPENAI_UPSTREAM: `http://127.0.0.1:${upstreamPort}` };
  const { code, stdout, stderr } = await runAsync('npx', ['headroom', 'wrap', '--port', String(proxyPort), '--', 'node', '-e', agent], { cwd: dir, env: wrapEnv });
  upstream.close();
  expect(code === 7, `headroom wrap returned ${code}, not the agent's exit code 7`, stdout + stderr);
  expect(stdout.includes('200 the certificate expired'), 'the agent did not get the upstream answer', stdout + stderr);
  expect(seen.length === 1 && seen[0].url === '/v1/chat/completions' && seen[0].auth === 'Bearer sk-rehearsal', 'the upstream did not get one request with the client auth', JSON.stringify(seen.map((s) => ({ url: s.url, auth: s.auth }))));
  const tool = JSON.parse(seen[0].body).messages[2].content;
  expect(tool.includes(FAILURE) && tool.includes('[headroom: omitted') && tool.length < LOG.length / 4, 'the tool result reached the upstream uncompressed or without the failure', tool.slice(0, 2000));
  return `agent exit 7 passed through; tool result ${LOG.length} → ${tool.length} bytes upstream`;
}

/** `headroom mcp serve` answering the MCP TypeScript SDK's client (the workspace's copy): tools/list and a call. */
export async function mcpServe(dir, env, root) {
  const sdk = createRequire(join(root, 'packages', 'mcp', 'package.json'));
  const { Client } = await import(pathToFileURL(sdk.resolve('@modelcontextprotocol/sdk/client/index.js')).href);
  const { StdioClientTransport } = await import(pathToFileURL(sdk.resolve('@modelcontextprotocol/sdk/client/stdio.js')).href);
  const bin = join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'headroom.cmd' : 'headroom');
  const client = new Client({ name: 'headroom-rehearsal', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: bin, args: ['mcp', 'serve'], cwd: dir, env, stderr: 'pipe' }));
  try {
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(JSON.stringify(names) === JSON.stringify(['headroom_compress', 'headroom_retrieve', 'headroom_stats']), `tools/list answered ${names.join(', ')}`);
    const r = await client.callTool({ name: 'headroom_compress', arguments: { content: LOG, query: 'why did worker 601 fail' } });
    const text = r.content.map((c) => c.text ?? '').join('\n');
    expect(!r.isError && text.includes(FAILURE), 'headroom_compress did not keep the failure', text.slice(0, 2000));
    return `tools/list: ${names.join(', ')}; headroom_compress kept the failure`;
  } finally {
    await client.close();
  }
}

const CONSUMER = (load) => `${load}
  const messages = [
    { role: 'user', content: 'why did worker 601 fail?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'bash', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 't1', content: require_('node:fs').readFileSync('worker.log', 'utf8') },
  ];
  compress(messages).then((r) => {
    const tool = r.messages[2].content;
    if (!tool.includes(${JSON.stringify(FAILURE)}) || !tool.includes('[headroom: omitted') || !(r.tokensAfter < r.tokensBefore)) process.exit(2);
    console.log(r.tokensBefore + ' -> ' + r.tokensAfter);
  });`;

/** `import { compress } from '@headroom/core'` in an ES module, and `require` from CommonJS. */
export function libraryConsumers(dir, env) {
  writeFileSync(join(dir, 'consumer.mjs'), CONSUMER("import { compress } from '@headroom/core';\nimport { createRequire } from 'node:module';\nconst require_ = createRequire(import.meta.url);"));
  writeFileSync(join(dir, 'consumer.cjs'), CONSUMER("const { compress } = require('@headroom/core');\nconst require_ = require;"));
  const esm = run(process.execPath, ['consumer.mjs'], { cwd: dir, env }).trim();
  const cjs = run(process.execPath, ['consumer.cjs'], { cwd: dir, env, allowFail: true });
  expect(cjs.status === 0, `require('@headroom/core') from CommonJS failed on Node ${process.versions.node}`, cjs.stderr);
  return `ESM ${esm} tokens; CommonJS (Node ${process.versions.node}) ${cjs.stdout.trim()} tokens`;
}

/** From a clone, the same command: `npm run headroom -- …`, run from a subfolder with a relative path. */
export function fromClone(root, env, expectedVersion) {
  const cwd = join(root, 'scripts');
  const v = run('npm', ['run', '--silent', 'headroom', '--', '--version'], { cwd, env, timeoutMs: 1_800_000 }).trim();
  expect(v === expectedVersion, `npm run headroom -- --version printed "${v}", expected ${expectedVersion}`);
  const out = JSON.parse(run('npm', ['run', '--silent', 'headroom', '--', 'compress', 'rehearsal/checks.mjs', '--json'], { cwd, env, timeoutMs: 1_800_000 }));
  expect(out.stats.contentType === 'code' && out.stats.language === 'javascript', 'npm run headroom -- compress did not read the file relative to where it was run', JSON.stringify(out.stats));
  return `--version ${v}; compress rehearsal/checks.mjs from scripts/: ${out.stats.tokensBefore} → ${out.stats.tokensAfter} tokens`;
}

/**
 * Kompress added after the fact, as a user would: `headroom model pull` fetches ONNX Runtime from an npm
 * registry (a local one serving the workspace's onnxruntime-node, cut to this platform's library) and
 * the model from a hub (a local one serving the tiny generated test model); then `compress --kompress`
 * runs the model through the fetched library.
 */
export async function kompressPulled(dir, env, root) {
  const { ONNX_RUNTIME_FILE, ONNX_RUNTIME_VERSION: ortVersion } = await import(pathToFileURL(join(root, 'packages', 'core', 'dist', 'onnx-runtime.js')).href);
  const ortPkg = dirname(createRequire(join(root, 'packages', 'core', 'package.json')).resolve('onnxruntime-node/package.json'));
  const lib = ONNX_RUNTIME_FILE[process.platform];
  const stage = join(dir, '..', 'ort-tarball');
  const inner = join(stage, 'package', 'bin', 'napi-v6', process.platform, process.arch);
  mkdirSync(inner, { recursive: true });
  copyFileSync(join(ortPkg, 'package.json'), join(stage, 'package', 'package.json'));
  copyFileSync(join(ortPkg, 'bin', 'napi-v6', process.platform, process.arch, lib), join(inner, lib));
  const tgz = join(stage, 'onnxruntime-node.tgz');
  run('tar', ['-czf', tgz, '-C', stage, 'package']);
  const tarball = readFileSync(tgz);
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const model = join(root, 'crates', 'headroom-ml', 'tests', 'fixtures', 'kompress-tiny');
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url === `/onnxruntime-node/${ortVersion}`) {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ name: 'onnxruntime-node', version: ortVersion, dist: { tarball: `http://127.0.0.1:${server.address().port}/ort.tgz`, integrity } }));
    }
    if (url === '/ort.tgz') return res.end(tarball);
    const file = /\/resolve\/[^/]+\/(model\.onnx|tokenizer\.json|config\.json)$/.exec(url)?.[1];
    if (file) return res.end(readFileSync(join(model, file)));
    res.statusCode = 404;
    res.end();
  });
  const port = await listen(server);
  try {
    const pullEnv = { ...env, npm_config_registry: `http://127.0.0.1:${port}/`, HF_ENDPOINT: `http://127.0.0.1:${port}` };
    const pull = await runAsync('npx', ['headroom', 'model', 'pull'], { cwd: dir, env: pullEnv });
    expect(pull.code === 0, `headroom model pull exited ${pull.code}`, pull.stderr);
    const doctor = JSON.parse(npx(dir, env, ['doctor', '--json', '--port', '0']).trim()).checks;
    const ort = doctor.find((c) => c.name === 'ONNX Runtime');
    expect(ort?.status === 'ok' && ort.detail.includes('(headroom home)'), 'doctor does not find the fetched ONNX Runtime', JSON.stringify(ort));
    const prose = 'We really keep the model in memory.\n    The cache is very fast and the server is slow.\n\nA request was compressed, the compression keeps words.\n'.repeat(10);
    writeFileSync(join(dir, 'notes.txt'), prose);
    const r = npx(dir, env, ['compress', 'notes.txt', '--kompress', '--content-type', 'prose', '--json'], { allowFail: true });
    expect(r.status === 0, `compress --kompress exited ${r.status}`, r.stderr);
    const out = JSON.parse(r.stdout);
    expect(out.stats.transform === 'prose:kompress', `the prose did not go through Kompress: ${out.stats.transform ?? out.stats.skipped}`, JSON.stringify(out.diagnostics));
    return `ONNX Runtime ${ortVersion} fetched (${(tarball.length / 1e6).toFixed(1)} MB tarball) and the model pulled; compress --kompress: ${out.stats.tokensBefore} → ${out.stats.tokensAfter} tokens`;
  } finally {
    server.close();
  }
}

/** Like run(), without blocking this process: the command talks to servers this process runs. */
function runAsync(cmd, args, { cwd, env }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
