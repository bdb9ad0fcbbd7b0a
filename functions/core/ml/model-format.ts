import { createHash } from 'node:crypto';
import { type ModelHeader, ModelHeaderSchema } from '#schemas/classifier-model';
import type { ClassifierModel } from './classifier-model.ts';
import { ModelFormatError } from './errors.ts';

/** The first bytes of every model file. */
const MAGIC = new TextEncoder().encode('PATROLML');
const HEADER_LENGTH_BYTES = 4;
const VERSION_HEX_DIGITS = 16;

/** Bucket indices ascending, as LEB128 varints of the gap to the previous one. */
function encodeRowBuckets(rowBuckets: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(rowBuckets.length * 5);
  let length = 0;
  let previous = 0;
  for (const bucket of rowBuckets) {
    let gap = bucket - previous;
    previous = bucket;
    while (gap >= 0x80) {
      bytes[length++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    bytes[length++] = gap;
  }
  return bytes.subarray(0, length);
}

function decodeRowBuckets(bytes: Uint8Array, start: number, rows: number, bucketCount: number) {
  const rowBuckets = new Uint32Array(rows);
  let at = start;
  let previous = 0;
  for (let row = 0; row < rows; row++) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= bytes.length || shift > 28) throw new ModelFormatError('the bucket index list is cut short');
      byte = bytes[at++] as number;
      gap += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    const bucket = previous + gap;
    if ((row > 0 && gap === 0) || bucket >= bucketCount) {
      throw new ModelFormatError(
        `bucket index ${bucket} of row ${row} is out of order or beyond ${bucketCount}`,
      );
    }
    rowBuckets[row] = bucket;
    previous = bucket;
  }
  return { rowBuckets, end: at };
}

function contentVersion(header: ModelHeader, body: readonly Uint8Array[]): string {
  const hash = createHash('sha256').update(JSON.stringify({ ...header, modelVersion: '' }));
  for (const part of body) hash.update(part);
  return hash.digest('hex').slice(0, VERSION_HEX_DIGITS);
}

/** Gives a model its version: a hash of everything in its file, so equal versions score identically. */
export function sealModel(
  header: Omit<ModelHeader, 'modelVersion'>,
  rowBuckets: Uint32Array,
  rowWeights: Int8Array,
): ClassifierModel {
  // Parsing fixes the key order, so the hash here equals the one recomputed after reading the file.
  const unsealed = ModelHeaderSchema.parse({ ...header, modelVersion: '' });
  const version = contentVersion(unsealed, [encodeRowBuckets(rowBuckets), asBytes(rowWeights)]);
  return { header: { ...unsealed, modelVersion: version }, rowBuckets, rowWeights };
}

function asBytes(weights: Int8Array): Uint8Array {
  return new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength);
}

/** Writes a model as bytes: magic, header length, JSON header, bucket gaps, int8 weights. */
export function encodeModel(model: ClassifierModel): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(model.header));
  const buckets = encodeRowBuckets(model.rowBuckets);
  const weights = asBytes(model.rowWeights);
  const bytes = new Uint8Array(
    MAGIC.length + HEADER_LENGTH_BYTES + header.length + buckets.length + weights.length,
  );
  let at = 0;
  bytes.set(MAGIC, at);
  at += MAGIC.length;
  new DataView(bytes.buffer).setUint32(at, header.length, true);
  at += HEADER_LENGTH_BYTES;
  bytes.set(header, at);
  at += header.length;
  bytes.set(buckets, at);
  bytes.set(weights, at + buckets.length);
  return bytes;
}

function readHeader(bytes: Uint8Array): { header: ModelHeader; bodyStart: number } {
  const headerStart = MAGIC.length + HEADER_LENGTH_BYTES;
  if (bytes.length < headerStart || MAGIC.some((byte, index) => bytes[index] !== byte)) {
    throw new ModelFormatError('it does not start with PATROLML');
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    MAGIC.length,
    true,
  );
  if (headerStart + headerLength > bytes.length) throw new ModelFormatError('the header is cut short');
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(headerStart, headerStart + headerLength),
      ),
    );
  } catch (error) {
    throw new ModelFormatError('the header is not JSON', { cause: error });
  }
  const parsed = ModelHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `header.${issue.path.join('.')}: ` : 'header: ';
    throw new ModelFormatError(`${where}${issue?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  return { header: parsed.data, bodyStart: headerStart + headerLength };
}

/** Reads a model from bytes, checking its structure and that its content still matches its version. */
export function decodeModel(bytes: Uint8Array): ClassifierModel {
  const { header, bodyStart } = readHeader(bytes);
  const { rows } = header.weights;
  const { rowBuckets, end } = decodeRowBuckets(bytes, bodyStart, rows, 2 ** header.features.bucketBits);
  const weightCount = rows * header.labels.length;
  if (bytes.length !== end + weightCount) {
    throw new ModelFormatError(
      `expected ${weightCount} weight bytes after the bucket list, found ${bytes.length - end}`,
    );
  }
  const rowWeights = new Int8Array(weightCount);
  rowWeights.set(new Int8Array(bytes.buffer, bytes.byteOffset + end, weightCount));
  const version = contentVersion(header, [bytes.subarray(bodyStart, end), asBytes(rowWeights)]);
  if (version !== header.modelVersion) {
    throw new ModelFormatError(
      `its content hashes to ${version}, not to its version ${header.modelVersion}: the file is damaged`,
    );
  }
  return { header, rowBuckets, rowWeights };
}
