import * as z from 'zod';
import { ClassifierLabelSchema } from './labelled-example.ts';

/** Which features the embedded classifier hashes from normalised text; fixed for a model's lifetime. */
export const FeatureConfigSchema = z
  .object({
    /** Character n-gram lengths, inclusive: 1 to 4 reads Japanese without a tokenizer. */
    charNgrams: z.tuple([z.number().int().min(1).max(8), z.number().int().min(1).max(8)]),
    /** Word n-gram lengths for space-separated scripts, inclusive; [0, 0] turns words off. */
    wordNgrams: z.tuple([z.number().int().min(0).max(3), z.number().int().min(0).max(3)]),
    /** The features are hashed into 2^bucketBits buckets. */
    bucketBits: z.number().int().min(8).max(24),
  })
  .strict()
  .refine((config) => config.charNgrams[0] <= config.charNgrams[1], {
    message: 'charNgrams must be [min, max] with min <= max',
  })
  .refine((config) => config.wordNgrams[0] <= config.wordNgrams[1], {
    message: 'wordNgrams must be [min, max] with min <= max',
  });
export type FeatureConfig = z.infer<typeof FeatureConfigSchema>;

/** Platt scaling of one label: score = 1 / (1 + exp(-(slope * margin + intercept))). */
export const PlattScalingSchema = z
  .object({
    slope: z.number(),
    intercept: z.number(),
    /** Held-out examples the scaling was fitted on (0: the uncalibrated logistic output). */
    fittedOn: z.number().int().nonnegative(),
  })
  .strict();
export type PlattScaling = z.infer<typeof PlattScalingSchema>;

/** How a model was trained, kept in its file so a score can be traced to its data and settings. */
export const TrainingMetadataSchema = z
  .object({
    seed: z.number().int(),
    epochs: z.number().int().positive(),
    learningRate: z.number().positive(),
    l2: z.number().nonnegative(),
    /** Examples the weights were fitted on, and the held-out ones the calibration was fitted on. */
    fitExamples: z.number().int().nonnegative(),
    calibrationExamples: z.number().int().nonnegative(),
    /** Present when the calibration was cross-fitted: the number of folds. */
    calibrationFolds: z.number().int().min(2).optional(),
    /** Positive examples of each label in this training run. */
    labelCounts: z.record(z.string(), z.number().int().nonnegative()),
    /** True when every example carried exactly one label: scores are then compared by argmax. */
    exclusiveLabels: z.boolean(),
    /** SHA-256 of the training examples, in order. */
    dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The version this model was warm-started from, if any. */
    parentVersion: z.string().optional(),
  })
  .strict();
export type TrainingMetadata = z.infer<typeof TrainingMetadataSchema>;

/** The JSON header of a model file; the weights follow it as bytes. */
export const ModelHeaderSchema = z
  .object({
    format: z.literal('patrol-classifier'),
    formatVersion: z.literal(1),
    modelId: z.string().min(1).max(200),
    /** A content hash of the model: equal versions score identically. */
    modelVersion: z.string(),
    labels: z.array(ClassifierLabelSchema).min(1),
    features: FeatureConfigSchema,
    calibration: z.array(PlattScalingSchema),
    training: TrainingMetadataSchema,
    weights: z
      .object({
        encoding: z.literal('int8'),
        /** Buckets with a non-zero weight for some label; the others weigh 0 for every label. */
        rows: z.number().int().nonnegative(),
        /** Per label, the weight one quantisation step stands for. */
        scales: z.array(z.number().nonnegative()),
        biases: z.array(z.number()),
      })
      .strict(),
  })
  .strict()
  .refine(
    (header) =>
      header.calibration.length === header.labels.length &&
      header.weights.scales.length === header.labels.length &&
      header.weights.biases.length === header.labels.length,
    { message: 'calibration, weights.scales and weights.biases need one entry per label' },
  )
  .refine((header) => new Set(header.labels).size === header.labels.length, {
    message: 'labels must be unique',
  });
export type ModelHeader = z.infer<typeof ModelHeaderSchema>;
