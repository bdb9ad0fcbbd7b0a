import type { CloudFormationCustomResourceResponse } from 'aws-lambda';
import { CustomResourceResponseError } from './errors.ts';

/**
 * Answers CloudFormation for a custom resource by PUTting the response to the request's pre-signed
 * S3 URL; until it arrives, the stack operation waits.
 */
export async function sendCustomResourceResponse(
  responseUrl: string,
  response: CloudFormationCustomResourceResponse,
): Promise<void> {
  const body = JSON.stringify(response);
  // The URL is signed without a content type, so none may be sent.
  const answer = await fetch(responseUrl, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!answer.ok) throw new CustomResourceResponseError(answer.status);
}
