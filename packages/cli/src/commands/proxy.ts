import { Command, InvalidArgumentError, Option } from 'commander';
import { PROFILES, type Profile } from '@headroom/core';
import { DEFAULT_UPSTREAM_TIMEOUTS, normalizeUpstream, PROXY_DEFAULTS, proxyFor, redactProxy, startProxy, UpstreamConfigError, type RunningProxy } from '@headroom/proxy';

interface ProxyFlags {
  host: string;
  port: number;
  openaiUpstream?: string;
  anthropicUpstream?: string;
  geminiUpstream?: string;
  chatgptUpstream?: string;
  compressToken?: string;
  budgetMs: number;
  maxBodyBytes: number;
  profile: Profile;
  maxRetrieveRounds: number;
  upstreamConnectTimeoutMs: number;
  upstreamFirstByteTimeoutMs: number;
  upstreamIdleTimeoutMs: number;
}

export function proxyCommand(): Command {
  return new Command('proxy')
    .description('run the OpenAI/Anthropic-compatible proxy')
    .option('--host <host>', 'interface to listen on', PROXY_DEFAULTS.host)
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, PROXY_DEFAULTS.port)
    .option('--openai-upstream <url>', 'OpenAI API base URL, with or without /v1 (env HEADROOM_OPENAI_UPSTREAM)', upstreamUrl)
    .option('--anthropic-upstream <url>', 'Anthropic API base URL, with or without /v1 (env HEADROOM_ANTHROPIC_UPSTREAM)', upstreamUrl)
    .option('--gemini-upstream <url>', 'Gemini API base URL, with or without /v1beta (env HEADROOM_GEMINI_UPSTREAM)', upstreamUrl)
    .option('--chatgpt-upstream <url>', "ChatGPT backend for Codex signed in with ChatGPT (env HEADROOM_CHATGPT_UPSTREAM; default https://chatgpt.com)", upstreamUrl)
    .option('--compress-token <token>', 'bearer token that lets non-loopback callers use POST /v1/compress (env HEADROOM_COMPRESS_TOKEN; never logged)')
    .option('--budget-ms <ms>', 'compression time budget per request; on overrun the original is sent', count('--budget-ms'), PROXY_DEFAULTS.budgetMs)
    .option('--max-body-bytes <bytes>', 'larger request bodies get a 413', count('--max-body-bytes'), PROXY_DEFAULTS.maxBodyBytes)
    .addOption(new Option('--profile <profile>', 'compression profile').choices(PROFILES).default(PROXY_DEFAULTS.profile))
    .option('--max-retrieve-rounds <n>', 'upstream calls the proxy makes itself to answer headroom_retrieve', count('--max-retrieve-rounds'), PROXY_DEFAULTS.maxRetrieveRounds)
    .option('--upstream-connect-timeout-ms <ms>', 'time limit to connect to an upstream (0 = none)', count('--upstream-connect-timeout-ms'), DEFAULT_UPSTREAM_TIMEOUTS.connectMs)
    .option('--upstream-first-byte-timeout-ms <ms>', "time limit for an upstream's response head once the request is sent (0 = none)", count('--upstream-first-byte-timeout-ms'), DEFAULT_UPSTREAM_TIMEOUTS.firstByteMs)
    .option('--upstream-idle-timeout-ms <ms>', 'time limit between two chunks of an upstream response (0 = none)', count('--upstream-idle-timeout-ms'), DEFAULT_UPSTREAM_TIMEOUTS.idleMs)
    .action(async (opts: ProxyFlags) => {
      const upstreams = {
        ...(opts.openaiUpstream ? { openai: opts.openaiUpstream } : {}),
        ...(opts.anthropicUpstream ? { anthropic: opts.anthropicUpstream } : {}),
        ...(opts.geminiUpstream ? { gemini: opts.geminiUpstream } : {}),
        ...(opts.chatgptUpstream ? { chatgpt: opts.chatgptUpstream } : {}),
      };
      let proxy: RunningProxy;
      try {
        proxy = await startProxy({
          host: opts.host,
          port: opts.port,
          upstreams,
          budgetMs: opts.budgetMs,
          maxBodyBytes: opts.maxBodyBytes,
          profile: opts.profile,
          maxRetrieveRounds: opts.maxRetrieveRounds,
          upstreamConnectTimeoutMs: opts.upstreamConnectTimeoutMs,
          upstreamFirstByteTimeoutMs: opts.upstreamFirstByteTimeoutMs,
          upstreamIdleTimeoutMs: opts.upstreamIdleTimeoutMs,
          ...(opts.compressToken ? { compressToken: opts.compressToken } : {}),
        });
      } catch (err) {
        if (err instanceof UpstreamConfigError) throw err; // names the bad variable; nothing to do with the port
        const code = (err as { code?: string }).code;
        const hint = code === 'EADDRINUSE' ? ` (port ${opts.port} is in use: pick another with --port)` : '';
        throw new Error(`could not start the proxy on ${opts.host}:${opts.port}: ${(err as Error).message}${hint}`);
      }
      console.log(`headroom proxy listening on ${proxy.url}`);
      console.log(`  OpenAI upstream:    ${proxy.upstreams.openai}`);
      console.log(`  Anthropic upstream: ${proxy.upstreams.anthropic}`);
      console.log(`  Gemini upstream:    ${proxy.upstreams.gemini}`);
      console.log(`  ChatGPT upstream:   ${proxy.upstreams.chatgpt} (Codex signed in with ChatGPT)`);
      const via = proxyFor(proxy.upstreams.openai) || proxyFor(proxy.upstreams.anthropic);
      if (via) console.log(`  through the proxy ${redactProxy(via)} (HTTPS_PROXY / HTTP_PROXY; NO_PROXY exempts hosts)`);
      console.log(`  /v1/compress: ${proxy.config.compressToken ? 'loopback, and remote callers with the bearer token' : 'loopback callers only'}`);
      console.log(`  dashboard: ${proxy.url}/dashboard   stats: ${proxy.url}/stats   metrics: ${proxy.url}/metrics`);
      const stop = () => void proxy.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** Refuses a malformed upstream before anything starts (the proxy would otherwise fail every request). */
function upstreamUrl(value: string): string {
  try {
    return normalizeUpstream(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}

function count(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${flag} expects a whole number of 0 or more`);
    return n;
  };
}
