import { Command } from 'commander';
import { registerContract } from './commands/contract.ts';

const program = new Command('patrol')
  .description('Patrol: content moderation pipeline (local runtime and tools)')
  .showHelpAfterError();

registerContract(program);

await program.parseAsync(process.argv);
