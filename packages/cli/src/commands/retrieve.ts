import { Command } from 'commander';
import { retrieve } from '@headroom/core';

export function retrieveCommand(): Command {
  return new Command('retrieve')
    .description('print the original behind a marker (its key=hr_…)')
    .argument('<key>', 'the CCR key from a marker')
    .action(async (key: string) => {
      const r = await retrieve(key);
      if (r.found) {
        process.stdout.write(r.content);
        return;
      }
      process.stderr.write(`headroom: ${r.message}\n`);
      process.exitCode = 1;
    });
}
