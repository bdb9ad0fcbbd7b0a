import { parse as parseYaml } from 'yaml';
import { type ReviewPolicy, ReviewPolicySchema } from '#schemas/review-policy';
import { InvalidReviewPolicyError } from './errors.ts';

/**
 * Parses and checks a review policy from YAML: the schema first, then that every calendar, escalation
 * queue, route and the default queue it names exists. Errors name each field by its dotted path.
 */
export function parseReviewPolicy(yamlText: string, source: string): ReviewPolicy {
  let document: unknown;
  try {
    document = parseYaml(yamlText);
  } catch (error) {
    throw new InvalidReviewPolicyError(source, [{ path: '', message: 'is not valid YAML' }], {
      cause: error,
    });
  }
  return checkReviewPolicy(document, source);
}

/** Validates a review policy already read into memory; see {@link parseReviewPolicy}. */
export function checkReviewPolicy(document: unknown, source: string): ReviewPolicy {
  const parsed = ReviewPolicySchema.safeParse(document);
  if (!parsed.success) {
    throw new InvalidReviewPolicyError(
      source,
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
      { cause: parsed.error },
    );
  }
  const policy = parsed.data;
  const issues: { path: string; message: string }[] = [];
  const queueNames = new Set<string>();
  policy.queues.forEach((queue, index) => {
    if (queueNames.has(queue.name))
      issues.push({ path: `queues.${index}.name`, message: 'is defined twice' });
    queueNames.add(queue.name);
  });
  policy.queues.forEach((queue, index) => {
    if (queue.calendar !== '24/7' && policy.calendars[queue.calendar] === undefined) {
      issues.push({ path: `queues.${index}.calendar`, message: `names no calendar ${queue.calendar}` });
    }
    if (queue.escalateTo !== undefined && !queueNames.has(queue.escalateTo)) {
      issues.push({ path: `queues.${index}.escalateTo`, message: `names no queue ${queue.escalateTo}` });
    }
  });
  policy.routes.forEach((route, index) => {
    if (!queueNames.has(route.queue))
      issues.push({ path: `routes.${index}.queue`, message: `names no queue ${route.queue}` });
  });
  if (!queueNames.has(policy.defaultQueue))
    issues.push({ path: 'defaultQueue', message: `names no queue ${policy.defaultQueue}` });
  if (issues.length > 0) throw new InvalidReviewPolicyError(source, issues);
  return policy;
}
