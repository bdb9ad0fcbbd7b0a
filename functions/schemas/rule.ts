import * as z from 'zod';
import { EnforcementLevelSchema } from './enforcement.ts';
import { ClassifierLabelSchema } from './labelled-example.ts';
import { ContentKinds, type SignalName, SignalNames, TextFieldNames } from './submission.ts';

const RuleIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,99}$/, 'expected lowercase letters, digits, dots, hyphens or underscores');

/** Where a text predicate looks; all text fields when absent. */
const FieldsSchema = z.array(z.enum(TextFieldNames)).min(1).optional();

/** Keywords matched on normalised text, given inline or by the name of a keyword set of the pack. */
export const KeywordsPredicateSchema = z
  .object({
    keywords: z
      .object({
        set: z.string().min(1).optional(),
        words: z.array(z.string().min(1)).min(1).optional(),
        in: FieldsSchema,
      })
      .strict()
      .refine((keywords) => keywords.set !== undefined || keywords.words !== undefined, {
        message: 'keywords needs a set or words',
      }),
  })
  .strict();

/** A phrase (several words) matched on normalised text. */
export const PhrasePredicateSchema = z.object({ phrase: z.string().min(1) }).strict();

/** A linear-time regular expression over normalised text; `prefilter` literals gate it. */
export const RegexPredicateSchema = z
  .object({
    regex: z
      .object({
        pattern: z.string().min(1).max(2_000),
        caseInsensitive: z.boolean().optional(),
        prefilter: z.array(z.string().min(1)).min(1).optional(),
        in: FieldsSchema,
      })
      .strict(),
  })
  .strict();

/** The built-in detectors of contact details, links and off-platform payment. */
export const DetectorNames = [
  'phone',
  'email',
  'url',
  'short-url',
  'messenger-id',
  'off-platform-payment',
] as const;
export type DetectorName = (typeof DetectorNames)[number];

export const DetectorPredicateSchema = z.object({ detector: z.enum(DetectorNames) }).strict();

/** A kind field such as `price.amount` or `category` compared with a value. */
export const FieldPredicateSchema = z
  .object({
    field: z
      .object({
        path: z
          .string()
          .regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/, 'expected a dotted field path such as price.amount'),
        below: z.number().optional(),
        atLeast: z.number().optional(),
        in: z
          .array(z.union([z.string(), z.number()]))
          .min(1)
          .optional(),
        present: z.boolean().optional(),
      })
      .strict()
      .refine(
        (field) => [field.below, field.atLeast, field.in, field.present].some((test) => test !== undefined),
        {
          message: 'field needs one of below, atLeast, in or present',
        },
      ),
  })
  .strict();

/** A comparison of a numeric fact: `atLeast` is inclusive, `below` exclusive. */
const FactComparisonSchema = z
  .object({ atLeast: z.number().optional(), below: z.number().optional() })
  .strict()
  .refine((test) => test.atLeast !== undefined || test.below !== undefined, {
    message: 'needs atLeast or below',
  });

const SignalListSchema = z.array(z.enum(SignalNames as [SignalName, ...SignalName[]])).min(1);

/**
 * Predicates on facts computed before evaluation (docs/offenders.md), by the fact they read. Without
 * facts (`patrol check`) counts are zero, the account age is unknown and nothing is linked.
 */
export const FactPredicateSchemas = {
  /** Active strikes after decay. */
  'author.strikes': z.object({ 'author.strikes': FactComparisonSchema }).strict(),
  /** Days since the account was created (or first seen); an unknown age never matches. */
  'author.accountAgeDays': z.object({ 'author.accountAgeDays': FactComparisonSchema }).strict(),
  /**
   * `true`: a suspended or banned account shares a signal with the author; with `atLeast`, one such
   * account shares at least that many of `signals` (all signals when absent).
   */
  'author.linkedToBanned': z
    .object({
      'author.linkedToBanned': z.union([
        z.boolean(),
        z
          .object({ atLeast: z.number().int().min(1).optional(), signals: SignalListSchema.optional() })
          .strict(),
      ]),
    })
    .strict(),
  /** The most other accounts sharing any one of `signals` (all signals when absent) with the author. */
  'author.linkedAccounts': z
    .object({
      'author.linkedAccounts': z
        .object({
          atLeast: z.number().optional(),
          below: z.number().optional(),
          signals: SignalListSchema.optional(),
        })
        .strict()
        .refine((test) => test.atLeast !== undefined || test.below !== undefined, {
          message: 'needs atLeast or below',
        }),
    })
    .strict(),
  /** The enforcement in force against the author. */
  'author.enforcement': z
    .object({ 'author.enforcement': z.object({ in: z.array(EnforcementLevelSchema).min(1) }).strict() })
    .strict(),
  /** The author's posts in the minute up to this one, this one included. */
  'velocity.postsPerMinute': z.object({ 'velocity.postsPerMinute': FactComparisonSchema }).strict(),
  /** The author's posts in the hour up to this one, this one included. */
  'velocity.postsPerHour': z.object({ 'velocity.postsPerHour': FactComparisonSchema }).strict(),
  /** Distinct users, the author included, who posted near-identical text in the tenant's window. */
  'duplicateText.users': z.object({ 'duplicateText.users': FactComparisonSchema }).strict(),
  /** A classifier's calibrated score (0 to 1) for a label; an item without that score never matches. */
  ml: z
    .object({
      ml: z
        .object({
          label: ClassifierLabelSchema,
          atLeast: z.number().min(0).max(1).optional(),
          below: z.number().min(0).max(1).optional(),
        })
        .strict()
        .refine((test) => test.atLeast !== undefined || test.below !== undefined, {
          message: 'needs atLeast or below',
        }),
    })
    .strict(),
} as const;
export type FactName = keyof typeof FactPredicateSchemas;
export const FactNames = Object.keys(FactPredicateSchemas) as FactName[];
export type FactPredicate = z.infer<(typeof FactPredicateSchemas)[FactName]>;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | z.infer<typeof KeywordsPredicateSchema>
  | z.infer<typeof PhrasePredicateSchema>
  | z.infer<typeof RegexPredicateSchema>
  | z.infer<typeof DetectorPredicateSchema>
  | z.infer<typeof FieldPredicateSchema>
  | FactPredicate;

/** A condition: all/any/not over predicates. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    KeywordsPredicateSchema,
    PhrasePredicateSchema,
    RegexPredicateSchema,
    DetectorPredicateSchema,
    FieldPredicateSchema,
    ...Object.values(FactPredicateSchemas),
  ]),
);

/** Review priorities, P1 the most urgent. */
export const PrioritySchema = z.enum(['P1', 'P2', 'P3', 'P4']);
export type Priority = z.infer<typeof PrioritySchema>;

/** What a matching rule does. */
export const ActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('allow') }).strict(),
  z
    .object({ type: z.literal('review'), queue: z.string().min(1).max(100), priority: PrioritySchema })
    .strict(),
  z.object({ type: z.literal('block') }).strict(),
  z.object({ type: z.literal('label'), label: z.string().min(1).max(100) }).strict(),
]);
export type Action = z.infer<typeof ActionSchema>;

export const SeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

/** live acts; shadow is evaluated and recorded but never acts; draft is not evaluated. */
export const RuleStatusSchema = z.enum(['live', 'shadow', 'draft']);
export type RuleStatus = z.infer<typeof RuleStatusSchema>;

/** One rule: its id is its identity in history, so a rule is never renamed in place. */
export const RuleSchema = z
  .object({
    id: RuleIdSchema,
    description: z.string().min(1),
    clause: z.string().min(1),
    status: RuleStatusSchema,
    expires: z.iso.date().optional(),
    severity: SeveritySchema,
    kinds: z
      .array(z.enum(ContentKinds as [string, ...string[]]))
      .min(1)
      .optional(),
    locales: z.array(z.string().min(2)).min(1).optional(),
    when: ConditionSchema,
    action: ActionSchema,
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

/** A rule pack: one YAML file in policies/, with its keyword sets and rules. */
export const RulePackSchema = z
  .object({
    pack: RuleIdSchema,
    description: z.string().min(1),
    keywordSets: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
    rules: z.array(RuleSchema).min(1),
  })
  .strict();
export type RulePack = z.infer<typeof RulePackSchema>;
