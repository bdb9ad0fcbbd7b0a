import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { TrainingExample } from '#core/ml/train';
import { LabelledExampleSchema } from '#schemas/labelled-example';
import { ExamplesFileError } from './errors.ts';

/** The columns holding the text and the label of a CSV or TSV file. */
export interface ExampleColumns {
  textColumn: string;
  labelColumn: string;
}

export const DEFAULT_COLUMNS: ExampleColumns = { textColumn: 'text', labelColumn: 'label' };

/** Separates several labels in one CSV or TSV cell; an empty cell is an example with no label. */
const LABEL_SEPARATOR = '|';

/**
 * Reads labelled examples: JSON Lines (`{"text", "labels": [...]}` per line) or CSV / TSV with a
 * header row, told apart by the extension. Every example keeps its `file:line` as its origin.
 */
export async function readLabelledExamples(
  file: string,
  columns: ExampleColumns = DEFAULT_COLUMNS,
): Promise<TrainingExample[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new ExamplesFileError(file, undefined, `cannot read it (${(error as Error).message})`, {
      cause: error,
    });
  }
  return parseLabelledExamples(content, file, columns);
}

/** Parses the content of an examples file named `file` (its extension picks the format). */
export function parseLabelledExamples(
  content: string,
  file: string,
  columns: ExampleColumns = DEFAULT_COLUMNS,
): TrainingExample[] {
  const extension = extname(file).toLowerCase();
  const examples =
    extension === '.jsonl' || extension === '.ndjson'
      ? parseJsonLines(content, file)
      : extension === '.csv' || extension === '.tsv'
        ? parseDelimited(content, file, extension === '.tsv' ? '\t' : ',', columns)
        : undefined;
  if (examples === undefined) {
    throw new ExamplesFileError(
      file,
      undefined,
      `cannot tell its format from "${extension}": expected .jsonl, .csv or .tsv`,
    );
  }
  if (examples.length === 0) throw new ExamplesFileError(file, undefined, 'no examples in it');
  return examples;
}

function parseJsonLines(content: string, file: string): TrainingExample[] {
  const examples: TrainingExample[] = [];
  content.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/^\uFEFF/, '').trim();
    if (line.length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new ExamplesFileError(file, index + 1, `not JSON (${(error as Error).message})`, {
        cause: error,
      });
    }
    const parsed = LabelledExampleSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new ExamplesFileError(file, index + 1, `${field}${issue?.message ?? 'invalid example'}`, {
        cause: parsed.error,
      });
    }
    examples.push({ ...parsed.data, origin: `${file}:${index + 1}` });
  });
  return examples;
}

function parseDelimited(
  content: string,
  file: string,
  delimiter: string,
  columns: ExampleColumns,
): TrainingExample[] {
  let records: { record: string[]; info: RecordInfo }[];
  try {
    records = parse(content, {
      delimiter,
      // TSV has no quoting: a quote in a tab-separated text is part of the text.
      quote: delimiter === '\t' ? false : '"',
      bom: true,
      info: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: RecordInfo }[];
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    throw new ExamplesFileError(
      file,
      line,
      `not valid ${delimiter === '\t' ? 'TSV' : 'CSV'} (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  const [header, ...rows] = records;
  if (header === undefined) return [];
  const textAt = columnIndex(header.record, columns.textColumn, file, '--text-col');
  const labelAt = columnIndex(header.record, columns.labelColumn, file, '--label-col');
  let previous = header.info;
  return rows.map(({ record, info: end }) => {
    // csv-parse reports the line a record ends on; a quoted field may span several.
    const info = { lines: previous.lines + 1 + end.empty_lines - previous.empty_lines };
    previous = end;
    const text = record[textAt] ?? '';
    if (text.trim().length === 0) {
      throw new ExamplesFileError(file, info.lines, `${columns.textColumn}: expected a non-empty text`);
    }
    const labels = (record[labelAt] ?? '')
      .split(LABEL_SEPARATOR)
      .map((label) => label.trim())
      .filter((label) => label.length > 0);
    const parsed = LabelledExampleSchema.safeParse({ text, labels });
    if (!parsed.success) {
      throw new ExamplesFileError(
        file,
        info.lines,
        `${columns.labelColumn}: ${parsed.error.issues[0]?.message}`,
        {
          cause: parsed.error,
        },
      );
    }
    return { ...parsed.data, origin: `${file}:${info.lines}` };
  });
}

/** What csv-parse reports with each record: the line it ends on and the blank lines skipped so far. */
interface RecordInfo {
  lines: number;
  empty_lines: number;
}

function columnIndex(header: readonly string[], column: string, file: string, option: string): number {
  const index = header.indexOf(column);
  if (index < 0) {
    throw new ExamplesFileError(
      file,
      1,
      `no column "${column}" in the header (columns: ${header.join(', ')}); name another with ${option}`,
    );
  }
  return index;
}
