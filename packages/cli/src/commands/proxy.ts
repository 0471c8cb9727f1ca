import { Command, InvalidArgumentError } from 'commander';
import { startProxy } from '@headroom/proxy';

export function proxyCommand(): Command {
  return new Command('proxy')
    .description('run the OpenAI/Anthropic-compatible proxy')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 8787)
    .option('--openai-upstream <url>', 'OpenAI API base URL (env HEADROOM_OPENAI_UPSTREAM)')
    .option('--anthropic-upstream <url>', 'Anthropic API base URL (env HEADROOM_ANTHROPIC_UPSTREAM)')
    .action(async (opts: { host: string; port: number; openaiUpstream?: string; anthropicUpstream?: string }) => {
      const upstreams = {
        ...(opts.openaiUpstream ? { openai: opts.openaiUpstream } : {}),
        ...(opts.anthropicUpstream ? { anthropic: opts.anthropicUpstream } : {}),
      };
      let proxy;
      try {
        proxy = await startProxy({ host: opts.host, port: opts.port, upstreams });
      } catch (err) {
        const code = (err as { code?: string }).code;
        const hint = code === 'EADDRINUSE' ? ` (port ${opts.port} is in use: pick another with --port)` : '';
        throw new Error(`could not start the proxy on ${opts.host}:${opts.port}: ${(err as Error).message}${hint}`);
      }
      console.log(`headroom proxy listening on ${proxy.url}`);
      console.log(`  OpenAI upstream:    ${proxy.upstreams.openai}`);
      console.log(`  Anthropic upstream: ${proxy.upstreams.anthropic}`);
      const stop = () => void proxy.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}
