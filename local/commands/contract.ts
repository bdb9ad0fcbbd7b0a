import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { submissionJsonSchema } from '#schemas/contract-json-schema';

/** `patrol contract [--out FILE]`: prints or writes the message contract's JSON Schema. */
export function registerContract(program: Command): void {
  program
    .command('contract')
    .description('print the submission JSON Schema generated from the zod schema')
    .option('--out <file>', 'write it to a file instead of stdout')
    .action(async (options: { out?: string }) => {
      const json = `${JSON.stringify(submissionJsonSchema(), null, 2)}\n`;
      if (options.out) await writeFile(options.out, json);
      else process.stdout.write(json);
    });
}
