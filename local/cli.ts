import { Command } from 'commander';

const program = new Command('patrol')
  .description('Patrol: content moderation pipeline (local runtime and tools)')
  .showHelpAfterError();

await program.parseAsync(process.argv);
