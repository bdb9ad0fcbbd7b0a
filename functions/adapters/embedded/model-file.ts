import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { ClassifierModel } from '#core/ml/classifier-model';
import { decodeModel, encodeModel } from '#core/ml/model-format';
import { ModelFileError } from './errors.ts';

/** Reads and checks a model file written by `writeModelFile` (or `patrol train`). */
export async function readModelFile(file: string): Promise<ClassifierModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ModelFileError(file, `cannot read the model (${(error as Error).message})`, { cause: error });
  }
  try {
    return decodeModel(bytes);
  } catch (error) {
    throw new ModelFileError(file, (error as Error).message, { cause: error });
  }
}

/** Writes a model file whole or not at all: to a temporary file first, then renamed over the target. */
export async function writeModelFile(file: string, model: ClassifierModel): Promise<number> {
  const bytes = encodeModel(model);
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new ModelFileError(file, `cannot write the model (${(error as Error).message})`, { cause: error });
  }
  return bytes.length;
}
