import pc from 'picocolors';

/** Colours only when the stream is a terminal and NO_COLOR is unset; pipes and files get plain text. */
export function colorsFor(stream: NodeJS.WriteStream) {
  return pc.createColors(Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb');
}

export const out = colorsFor(process.stdout);
export const err = colorsFor(process.stderr);

/** `headroom: …` notes on stderr, so an agent's stdout stays its own. */
export function note(message: string): void {
  process.stderr.write(`${err.dim('headroom:')} ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`${err.yellow('headroom:')} ${message}\n`);
}
