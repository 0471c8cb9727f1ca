import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusCase {
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

export function loadCorpus(dir = corpusDir()): CorpusCase[] {
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
      return { name, kind: c.kind, query: c.query, source: c.source, mustKeep: c.must_keep, input };
    });
}
