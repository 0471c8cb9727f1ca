import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusCase {
  /** Which corpus the case belongs to, as reports name it. */
  corpus: string;
  name: string;
  kind: string;
  query: string;
  source: string;
  mustKeep: string[];
  input: string;
}

/** The evaluation corpus beside the repository (`../shared/bench/corpus`), or HEADROOM_CORPUS. */
export function corpusDir(): string {
  return process.env.HEADROOM_CORPUS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'bench', 'corpus');
}

/** The repository's own wide corpus of real tool outputs. */
export const wideCorpusDir = join(import.meta.dirname, '..', 'corpus');

/** What the scoreboard runs by default, with report labels: the public corpus (when present) and the wide corpus. */
export function defaultCorpora(): { dir: string; label: string }[] {
  return [
    { dir: corpusDir(), label: 'public' },
    { dir: wideCorpusDir, label: 'wide' },
  ].filter((c) => existsSync(c.dir));
}

/** `label` names the corpus in reports (default: the folder). */
export function loadCorpus(dir = corpusDir(), label = dir): CorpusCase[] {
  if (!existsSync(dir)) throw new Error(`no corpus at ${dir}: set HEADROOM_CORPUS to the corpus folder`);
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'case.json')))
    .sort()
    .map((name) => {
      const c = JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8')) as {
        kind: string;
        input: string;
        query: string;
        source: string;
        must_keep: string[];
      };
      const input = readFileSync(join(dir, name, c.input), 'utf8');
      return { corpus: label, name, kind: c.kind, query: c.query, source: c.source, mustKeep: c.must_keep, input };
    });
}
