import { compareVerdicts, deciderKey, supersedes } from '#core/decide/verdict-order';
import type { RecordedVerdict, VerdictHistory, VerdictStore } from '#ports/verdict-store';
import type { Verdict } from '#schemas/verdict';

interface ContentVerdicts {
  events: Map<string, Verdict>;
  status: Verdict;
}

/** Verdicts in process memory with the DynamoDB store's semantics: one verdict per version and decider. */
export class MemoryVerdictStore implements VerdictStore {
  readonly #contents = new Map<string, ContentVerdicts>();

  async record(verdict: Verdict): Promise<RecordedVerdict> {
    const key = JSON.stringify([verdict.tenant, verdict.contentId]);
    const eventKey = `${verdict.version}#${deciderKey(verdict)}`;
    const content = this.#contents.get(key);
    const existing = content?.events.get(eventKey);
    if (existing !== undefined) return { created: false, verdict: structuredClone(existing) };
    const stored = JSON.parse(JSON.stringify(verdict)) as Verdict;
    if (content === undefined) {
      this.#contents.set(key, { events: new Map([[eventKey, stored]]), status: stored });
    } else {
      content.events.set(eventKey, stored);
      if (supersedes(stored, content.status)) content.status = stored;
    }
    return { created: true, verdict: structuredClone(stored) };
  }

  async get(tenant: string, contentId: string): Promise<VerdictHistory | undefined> {
    const content = this.#contents.get(JSON.stringify([tenant, contentId]));
    if (content === undefined) return undefined;
    const history = [...content.events.values()]
      .sort(compareVerdicts)
      .map((verdict) => structuredClone(verdict));
    return { latest: structuredClone(content.status), history };
  }
}
