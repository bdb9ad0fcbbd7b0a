/** A file of labelled examples that cannot be read as one; the message names the file and line. */
export class ExamplesFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, message: string, options?: ErrorOptions) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${message}`, options);
    this.name = 'ExamplesFileError';
    this.file = file;
    this.line = line;
  }
}
