import { Command } from 'commander';
import { registerCheck } from './commands/check.ts';
import { registerContract } from './commands/contract.ts';
import { registerDev } from './commands/dev.ts';
import { registerDlq } from './commands/dlq.ts';
import { registerEval } from './commands/eval.ts';
import { registerExport } from './commands/export.ts';
import { registerLoad } from './commands/load.ts';
import { registerRules } from './commands/rules.ts';
import { registerTrain } from './commands/train.ts';
import { registerUsers } from './commands/users.ts';

const program = new Command('patrol')
  .description('Patrol: content moderation pipeline (local runtime and tools)')
  .showHelpAfterError();

registerContract(program);
registerDev(program);
registerDlq(program);
registerRules(program);
registerCheck(program);
registerLoad(program);
registerTrain(program);
registerEval(program);
registerExport(program);
registerUsers(program);

await program.parseAsync(process.argv);
