import * as z from 'zod';
import { PrioritySchema } from './rule.ts';
import { ContentKinds } from './submission.ts';

/** The days a staffed window applies to, lowercase three-letter English names. */
export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof WeekdaySchema>;

const ClockTimeSchema = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'expected a time of day such as 09:00 or 24:00');

/** One staffed window in local time, `from` inclusive and `to` exclusive, on the named days. */
export const StaffedWindowSchema = z
  .object({
    days: z.array(WeekdaySchema).min(1),
    from: ClockTimeSchema,
    to: ClockTimeSchema,
  })
  .strict()
  .refine((window) => window.from < window.to, { message: 'from must be earlier than to' });
export type StaffedWindow = z.infer<typeof StaffedWindowSchema>;

/** A time zone IANA knows, such as Asia/Tokyo or America/New_York. */
export const TimeZoneSchema = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as Asia/Tokyo' },
);

/**
 * When a queue is staffed: `24/7`, or windows in a time zone. The SLA clock runs only in staffed time.
 * Example: `{"timeZone":"Asia/Tokyo","windows":[{"days":["mon","tue","wed","thu","fri","sat","sun"],"from":"10:00","to":"22:00"}]}`
 */
export const CalendarSchema = z.union([
  z.literal('24/7'),
  z.object({ timeZone: TimeZoneSchema, windows: z.array(StaffedWindowSchema).min(1) }).strict(),
]);
export type Calendar = z.infer<typeof CalendarSchema>;

/** A duration as written in a policy: `15m`, `1h`, `24h`, `2d`. */
export const DurationSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,5}(m|h|d)$/, 'expected a duration such as 15m, 1h or 2d');

/** A review queue: who works it, an SLA per priority, its calendar and what a breach does. */
export const ReviewQueueSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lowercase letters, digits or hyphens'),
    description: z.string().optional(),
    /** Moderator ids that may work the queue; leads and admins work every queue. */
    moderators: z.array(z.string().min(1)).default([]),
    sla: z
      .object({ P1: DurationSchema, P2: DurationSchema, P3: DurationSchema, P4: DurationSchema })
      .strict(),
    /** A calendar by name from `calendars`, or `24/7`. */
    calendar: z.string().min(1).default('24/7'),
    /** The warning fires when this share of the SLA has run (in staffed time). */
    warnAt: z.number().gt(0).lt(1).default(0.75),
    /** Where a breached case moves, if anywhere; its priority goes up one step either way. */
    escalateTo: z.string().optional(),
  })
  .strict();
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;

/** Where a case comes from: a borderline verdict, a user report or a platform's appeal. */
export const CaseSourceSchema = z.enum(['verdict', 'report', 'appeal']);
export type CaseSource = z.infer<typeof CaseSourceSchema>;

/** A routing rule: the first whose every given condition holds chooses the queue. */
export const RoutingRuleSchema = z
  .object({
    when: z
      .object({
        source: z.array(CaseSourceSchema).min(1).optional(),
        kind: z
          .array(z.enum(ContentKinds as [string, ...string[]]))
          .min(1)
          .optional(),
        /** The queue the rules asked for on the verdict. */
        ruleQueue: z.array(z.string().min(1)).min(1).optional(),
        /** A report's reason code. */
        reasonCode: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .default({}),
    queue: z.string().min(1),
  })
  .strict();
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

/**
 * A tenant's review policy (policies/review/<tenant>.yaml, or default.yaml): calendars, queues and the
 * routing rules. A verdict goes to the queue its rules named when no routing rule matches first.
 */
export const ReviewPolicySchema = z
  .object({
    tenant: z.string().min(1),
    calendars: z.record(z.string().min(1), CalendarSchema).default({}),
    queues: z.array(ReviewQueueSchema).min(1),
    routes: z.array(RoutingRuleSchema).default([]),
    /** The queue of a case no rule routes and whose verdict names no known queue. */
    defaultQueue: z.string().min(1),
    /** Distinct reporters at which a case's priority rises one step, then another. */
    raiseAtReports: z.array(z.number().int().min(2)).max(3).default([3, 10]),
    /** The priority of a case that only reports opened. */
    reportPriority: PrioritySchema.default('P3'),
  })
  .strict();
export type ReviewPolicy = z.infer<typeof ReviewPolicySchema>;
