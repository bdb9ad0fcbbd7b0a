/** Why a message was refused, kept next to its dead-letter copy and found by its message id. */
export interface Rejection {
  messageId: string;
  reason: string;
  issues: { path: string; message: string }[];
  tenant?: string;
  contentId?: string;
  rejectedAt: string;
}

/** Keeps the reasons for refused messages; writing the same message id twice is harmless. */
export interface RejectionLog {
  record(rejection: Rejection): Promise<void>;
  get(messageId: string): Promise<Rejection | undefined>;
}
