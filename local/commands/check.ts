import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { RuleFilesError } from '#adapters/files/errors';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import type { CompiledRuleSet } from '#core/rules/compile';
import { RuleEngineError } from '#core/rules/errors';
import { type EvaluableItem, evaluate } from '#core/rules/evaluate';
import { type ContentKind, ContentKinds } from '#schemas/submission';
import { parseCheckLine } from '../check-input.ts';
import { DEFAULT_POLICIES_DIR } from './rules.ts';

interface CheckOptions {
  kind: ContentKind;
  locale?: string;
  title?: string;
  input?: string;
  policies: string;
}

/** `patrol check "text"` or `patrol check --input FILE.jsonl`: evaluates text against the rule packs. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('evaluate text, or one item per line of a JSONL file, against the rule packs')
    .argument('[text]', 'the text to check, as the body of an item')
    .option('--kind <kind>', `content kind: ${ContentKinds.join(', ')}`, parseKind, 'listing')
    .option('--locale <locale>', 'the item locale, e.g. ja or en-US (default: guessed from the script)')
    .option('--title <title>', 'a title to check with the text')
    .option('--input <file>', 'JSONL file: a full submission or {id, kind, locale?, title?, body} per line')
    .option('--policies <dir>', 'directory of rule packs', DEFAULT_POLICIES_DIR)
    .action(async (text: string | undefined, options: CheckOptions) => {
      process.exitCode = await check(text, options);
    });
}

async function check(text: string | undefined, options: CheckOptions): Promise<number> {
  if ((text === undefined) === (options.input === undefined)) {
    console.error('give either the text to check or --input FILE.jsonl');
    return 2;
  }
  let ruleSet: CompiledRuleSet;
  try {
    ruleSet = await new FileRuleSetSource(options.policies).active();
  } catch (error) {
    if (!(error instanceof RuleFilesError || error instanceof RuleEngineError)) throw error;
    console.error(error.message);
    return 1;
  }
  if (options.input !== undefined) return checkFile(ruleSet, options.input);
  const item: EvaluableItem = {
    kind: options.kind,
    body: text,
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  };
  console.log(JSON.stringify(evaluate(ruleSet, item, new Date()), null, 2));
  return 0;
}

/** Reads every line first, so a malformed line stops the run before any output. */
async function checkFile(ruleSet: CompiledRuleSet, file: string): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const items: { id: string; item: EvaluableItem }[] = [];
  const problems: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parsed = parseCheckLine(line);
    if (parsed.ok) items.push(parsed);
    else problems.push(...parsed.problems.map((problem) => `${file}:${index + 1}: ${problem}`));
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    return 1;
  }
  const now = new Date();
  for (const { id, item } of items) console.log(JSON.stringify({ id, ...evaluate(ruleSet, item, now) }));
  return 0;
}

function parseKind(value: string): ContentKind {
  if (!(ContentKinds as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${ContentKinds.join(', ')}`);
  }
  return value as ContentKind;
}
