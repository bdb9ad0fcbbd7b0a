import { Command } from 'commander';
import { registerCheck } from './commands/check.ts';
import { registerContract } from './commands/contract.ts';
import { registerDev } from './commands/dev.ts';
import { registerRules } from './commands/rules.ts';

const program = new Command('patrol')
  .description('Patrol: content moderation pipeline (local runtime and tools)')
  .showHelpAfterError();

registerContract(program);
registerDev(program);
registerRules(program);
registerCheck(program);

await program.parseAsync(process.argv);
