import type { CaseEvent } from '#schemas/review-case';

/** A case event before the store numbers it: everything but `seq`. */
export type CaseEventDraft = CaseEvent extends infer Event
  ? Event extends CaseEvent
    ? Omit<Event, 'seq'>
    : never
  : never;

/** The draft of one event type. */
export type CaseEventDraftOf<T extends CaseEvent['type']> = Omit<Extract<CaseEvent, { type: T }>, 'seq'>;
