import { bulkDecideCasesRoute } from '#handlers/api-bulk-decide-cases';
import { claimCaseRoute } from '#handlers/api-claim-case';
import { claimNextCaseRoute } from '#handlers/api-claim-next-case';
import { decideCaseRoute } from '#handlers/api-decide-case';
import { getCaseRoute } from '#handlers/api-get-case';
import { getCaseAuditRoute } from '#handlers/api-get-case-audit';
import { getQueueStatsRoute } from '#handlers/api-get-queue-stats';
import { listCasesRoute } from '#handlers/api-list-cases';
import { listQueuesRoute } from '#handlers/api-list-queues';
import { muteReporterRoute } from '#handlers/api-mute-reporter';
import { releaseCaseRoute } from '#handlers/api-release-case';
import { renewLeaseRoute } from '#handlers/api-renew-lease';
import { submitAppealRoute } from '#handlers/api-submit-appeal';
import type { HttpRoute } from './http-route.ts';
import type { ReviewApi } from './review-api.ts';

/** Every route of the moderation API, served by API Gateway on AWS and by `patrol dev`. */
export function reviewRoutes(api: ReviewApi): HttpRoute[] {
  return [
    listCasesRoute(api),
    claimNextCaseRoute(api),
    bulkDecideCasesRoute(api),
    getCaseRoute(api),
    claimCaseRoute(api),
    renewLeaseRoute(api),
    releaseCaseRoute(api),
    decideCaseRoute(api),
    getCaseAuditRoute(api),
    listQueuesRoute(api),
    getQueueStatsRoute(api),
    submitAppealRoute(api),
    muteReporterRoute(api),
  ];
}
