import * as z from 'zod';

const PackFileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,80}\.yaml$/, 'expected a pack file name such as `marketplace-ja.yaml`');
const YamlTextSchema = z.string().max(500_000);

/** The packs of a rule set by file name (file-name order is rule order). */
export const RulePackFilesSchema = z.record(PackFileNameSchema, YamlTextSchema);
export type RulePackFiles = z.infer<typeof RulePackFilesSchema>;

/** One stored version of the rule set: immutable once written, numbered from 1. */
export const RuleSetVersionSchema = z
  .object({
    number: z.number().int().positive(),
    packs: RulePackFilesSchema,
    /** The compiled rule set's content hash, which verdicts record as `ruleSetVersion`. */
    contentHash: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    /** The version this one was edited from. */
    basedOn: z.number().int().positive().optional(),
    note: z.string().max(1_000).optional(),
  })
  .strict();
export type RuleSetVersion = z.infer<typeof RuleSetVersionSchema>;

/** Which version is live: a pointer, moved by publish and rollback; `history` holds the earlier ones, newest last. */
export const RuleSetPointerSchema = z
  .object({
    active: z.number().int().positive(),
    history: z.array(z.number().int().positive()),
    /** Raised on each move; a move names the sequence it read, so two leads never overwrite each other. */
    seq: z.number().int().positive(),
    movedBy: z.string(),
    movedAt: z.string(),
  })
  .strict();
export type RuleSetPointer = z.infer<typeof RuleSetPointerSchema>;

/** One line of the rules audit log: who saved, published or rolled back which version. */
export const RuleSetAuditEntrySchema = z
  .object({
    at: z.string(),
    actorId: z.string(),
    tenant: z.string(),
    action: z.enum(['seeded', 'saved', 'published', 'rolled-back']),
    version: z.number().int().positive(),
    fromVersion: z.number().int().positive().optional(),
  })
  .strict();
export type RuleSetAuditEntry = z.infer<typeof RuleSetAuditEntrySchema>;

/** `POST /v1/rule-sets/validate`: one pack as edited. Example: `{"fileName":"common.yaml","yamlText":"pack: common\n..."}` */
export const ValidatePackBodySchema = z
  .object({ fileName: PackFileNameSchema, yamlText: YamlTextSchema })
  .strict();

/** `POST /v1/rule-sets`: a new version from the edited packs of `basedOn`. */
export const SaveRuleSetBodySchema = z
  .object({
    basedOn: z.number().int().positive(),
    packs: RulePackFilesSchema,
    note: z.string().max(1_000).optional(),
  })
  .strict();
export type SaveRuleSetBody = z.infer<typeof SaveRuleSetBodySchema>;

/** `POST /v1/rule-sets/{version}/publish` and `POST /v1/rule-sets/rollback`: the active version the lead saw. */
export const MovePointerBodySchema = z.object({ expectedActive: z.number().int().positive() }).strict();

/** `POST /v1/rule-sets/{version}/backtest`: how many days of stored content to run the version over. */
export const BacktestBodySchema = z
  .object({ days: z.number().int().min(1).max(90).default(7) })
  .strict()
  .default({ days: 7 });
