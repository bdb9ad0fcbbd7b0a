import * as z from 'zod';

/** The contract versions this build accepts; anything else is refused with a reason. */
export const SUPPORTED_SCHEMA_VERSIONS = [1] as const;

/** A hashed identity signal as stored: `hmac-sha256:` and 64 lowercase hex digits. */
export const HashedSignalSchema = z
  .string()
  .regex(/^hmac-sha256:[0-9a-f]{64}$/, 'expected hmac-sha256:<64 hex digits>');
export type HashedSignal = z.infer<typeof HashedSignalSchema>;

/**
 * An identity signal as a platform sends it: already hashed with the tenant's HMAC secret
 * (`hmac-sha256:<hex>`), or raw, in which case Patrol hashes it before anything stores it.
 */
export const IdentitySignalSchema = z.string().trim().min(1).max(512);

const SIGNAL_NAMES = ['email', 'phone', 'device', 'paymentFingerprint', 'ipPrefix'] as const;

/** The identity signals a submission may carry; each is hashed before it is stored. */
export const IdentitySignalsSchema = z
  .object(Object.fromEntries(SIGNAL_NAMES.map((name) => [name, IdentitySignalSchema.optional()])))
  .partial()
  .strict() as z.ZodType<Partial<Record<SignalName, string>>>;
export type SignalName = (typeof SIGNAL_NAMES)[number];
export const SignalNames: readonly SignalName[] = SIGNAL_NAMES;

/** The author of a submission. */
export const AuthorSchema = z
  .object({
    userId: z.string().min(1).max(256),
    accountCreatedAt: z.iso.datetime({ offset: true }).optional(),
    signals: IdentitySignalsSchema.optional(),
  })
  .strict();
export type Author = z.infer<typeof AuthorSchema>;

/** An amount of money in a currency's minor-free unit (JPY 1500, USD 12.5). */
export const MoneySchema = z
  .object({
    amount: z.number().nonnegative().finite(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as JPY'),
  })
  .strict();
export type Money = z.infer<typeof MoneySchema>;

/** A tenant (platform) id: 2-63 lowercase letters, digits or hyphens, such as `acme-market`. */
export const TenantSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'expected 2-63 lowercase letters, digits or hyphens');
const TextSchema = z.string().max(100_000);

const common = {
  schemaVersion: z.literal(1),
  tenant: TenantSchema,
  contentId: z.string().min(1).max(256),
  version: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  author: AuthorSchema,
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 tag such as ja or en-US')
    .optional(),
  title: TextSchema.optional(),
  body: TextSchema.optional(),
  tags: z.array(z.string().max(200)).max(100).optional(),
  postedAt: z.iso.datetime({ offset: true }),
};

/** A listing on a marketplace: price and category feed the kind-field predicates. */
export const ListingSubmissionSchema = z
  .object({
    ...common,
    kind: z.literal('listing'),
    price: MoneySchema.optional(),
    category: z.string().max(200).optional(),
  })
  .strict();

/** A direct message between two users. */
export const MessageSubmissionSchema = z
  .object({
    ...common,
    kind: z.literal('message'),
    threadId: z.string().min(1).max(256),
    recipientId: z.string().min(1).max(256),
  })
  .strict();

/** A user's profile text (title is the display name, body the bio). */
export const ProfileSubmissionSchema = z.object({ ...common, kind: z.literal('profile') }).strict();

/** A comment under another piece of content. */
export const CommentSubmissionSchema = z
  .object({ ...common, kind: z.literal('comment'), parentId: z.string().min(1).max(256) })
  .strict();

/** A job request on a freelance or job board. */
export const JobSubmissionSchema = z
  .object({
    ...common,
    kind: z.literal('job'),
    budget: MoneySchema.optional(),
    category: z.string().max(200).optional(),
  })
  .strict();

/** A review of a user, listing or transaction. */
export const ReviewSubmissionSchema = z
  .object({
    ...common,
    kind: z.literal('review'),
    targetId: z.string().min(1).max(256),
    rating: z.number().int().min(1).max(5),
  })
  .strict();

/** A user's report of another piece of content or user; the author is the reporter. */
export const ReportSubmissionSchema = z
  .object({
    ...common,
    kind: z.literal('report'),
    target: z
      .object({
        contentId: z.string().min(1).max(256).optional(),
        userId: z.string().min(1).max(256).optional(),
      })
      .strict()
      .refine((target) => target.contentId !== undefined || target.userId !== undefined, {
        message: 'a report targets a contentId or a userId',
      }),
    reasonCode: z.string().min(1).max(100),
  })
  .strict();

/**
 * One item a platform posts to the ingest queue, discriminated by `kind`.
 * Example: `{"schemaVersion":1,"tenant":"acme-market","contentId":"l-1","version":1,"kind":"listing",...}`.
 */
export const SubmissionSchema = z.discriminatedUnion('kind', [
  ListingSubmissionSchema,
  MessageSubmissionSchema,
  ProfileSubmissionSchema,
  CommentSubmissionSchema,
  JobSubmissionSchema,
  ReviewSubmissionSchema,
  ReportSubmissionSchema,
]);
export type Submission = z.infer<typeof SubmissionSchema>;
export type ContentKind = Submission['kind'];
export const ContentKinds: readonly ContentKind[] = [
  'listing',
  'message',
  'profile',
  'comment',
  'job',
  'review',
  'report',
];

/** The text fields the rules read, in the order they are joined for matching. */
export const TextFieldNames = ['title', 'body', 'tags'] as const;
export type TextFieldName = (typeof TextFieldNames)[number];
