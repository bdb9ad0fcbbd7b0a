/** A request as the moderation API's routes read it, whether from node:http or API Gateway. */
export interface HttpRequest {
  method: string;
  path: string;
  /** Path parameters by name, already URL-decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Headers by lowercase name. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body; undefined when there is none. */
  body: unknown;
  /** The token's claims when a gateway in front has already verified it (API Gateway's JWT authoriser). */
  claims?: Readonly<Record<string, unknown>>;
}

/** A JSON answer. */
export interface HttpResponse {
  status: number;
  body: unknown;
}

/** One route: a method and a path pattern such as `/v1/cases/{caseId}/claim`. */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  handler: (request: HttpRequest) => Promise<HttpResponse>;
}
