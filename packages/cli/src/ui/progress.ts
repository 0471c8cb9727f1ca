import { err } from './colors.js';

export interface Progress {
  update(text: string): void;
  done(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A one-line spinner on stderr for work that can take a while. Only on a terminal: in pipes, logs and
 * tests it prints nothing, so stdout and stderr stay clean for whoever reads them.
 */
export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let text = label;
  let i = 0;
  const draw = () => stream.write(`\r\u001b[K${err.cyan(FRAMES[i++ % FRAMES.length]!)} ${text}`);
  draw();
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    update: (t: string) => {
      text = t;
      draw();
    },
    done: () => {
      clearInterval(timer);
      stream.write('\r\u001b[K');
    },
  };
}

export function megabytes(chars: number): string {
  return `${(chars / 1e6).toFixed(1)} MB`;
}
