// Zoho's status objects, `{"code","details","message","status"}`, with the wording and HTTP
// statuses of the API pages and Zoho's OpenAPI spec (zoho-crm.md §1 and §9,
// remove-territories-of-records.txt). Used at the top level for request errors and inside `data[]`
// for per-record results.

export type ZohoDetails = Record<string, unknown>;

export interface ZohoStatus {
  code: string;
  details: ZohoDetails;
  message: string;
  status: 'success' | 'error';
}

/** One status object plus the HTTP status it would carry on its own. */
export interface Outcome {
  httpStatus: number;
  body: ZohoStatus;
}

function error(httpStatus: number, code: string, message: string, details: ZohoDetails = {}): Outcome {
  return { httpStatus, body: { code, details, message, status: 'error' } };
}

function success(httpStatus: number, code: string, message: string, details: ZohoDetails): Outcome {
  return { httpStatus, body: { code, details, message, status: 'success' } };
}

/** A top-level error that ends the request. */
export class ZohoApiError extends Error {
  constructor(readonly outcome: Outcome) {
    super(`${outcome.body.code}: ${outcome.body.message}`);
  }
}

export const zoho = {
  authenticationFailure: () => error(401, 'AUTHENTICATION_FAILURE', 'Authentication failed'),
  invalidToken: () => error(401, 'INVALID_TOKEN', 'invalid oauth token'),
  scopeMismatch: () => error(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'),
  invalidOrgHeader: (orgId: string) =>
    error(400, 'INVALID_DATA', 'the organization given in X-CRM-ORG is not valid for this user', {
      header_name: 'X-CRM-ORG',
      value: orgId,
    }),
  noOrgForUser: () =>
    error(400, 'INVALID_DATA', 'the user does not belong to any organization served by this API domain', {
      header_name: 'X-CRM-ORG',
    }),
  concurrencyLimit: (limit: number) =>
    error(429, 'TOO_MANY_REQUESTS', 'concurrency limit of the organization exceeded', { limit, type: 'concurrency' }),
  creditLimit: (limit: number) =>
    error(429, 'TOO_MANY_REQUESTS', 'API credit limit of the organization exhausted', { limit, type: 'credits' }),
  tooManyRequests: () => error(429, 'TOO_MANY_REQUESTS', 'too many requests'),
  internalError: () => error(500, 'INTERNAL_ERROR', 'Internal Server Error'),
  invalidUrl: () => error(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'),
  invalidMethod: () => error(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'),
  invalidModule: (module: string) =>
    error(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0, module }),
  territoriesNotSupported: (module: string) =>
    error(400, 'NOT_SUPPORTED', 'the api is not supported for this module', { resource_path_index: 0, module }),
  territoryNotEnabled: (module: string) =>
    error(403, 'TERRITORY_NOT_ENABLED', `the territory feature is not enabled for ${module} Module`, { module }),
  noPermission: (module: string) =>
    error(403, 'NO_PERMISSION', 'User has no permission to update the record', {
      permissions: [`Crm_Implied_Edit_${module}`],
    }),
  authorizationFailed: () =>
    error(400, 'AUTHORIZATION_FAILED', 'User does not have sufficient privilege to update records', {
      permissions: ['Crm_Implied_Manage_Territories'],
    }),
  invalidJsonBody: () => error(400, 'INVALID_DATA', 'body is not a valid JSON', {}),
  mandatoryMissing: (apiName: string, jsonPath: string, message = 'required field not found') =>
    error(400, 'MANDATORY_NOT_FOUND', message, { api_name: apiName, json_path: jsonPath }),
  recordsPerCallExceeded: (limit: number) =>
    error(400, 'LIMIT_EXCEEDED', 'the number of records in one call exceeds the limit', {
      api_name: 'data',
      limit,
    }),
  idsLimitExceeded: (limit: number) =>
    error(400, 'LIMIT_EXCEEDED', 'the number of ids exceeds the limit', { param_name: 'ids', limit }),
  requiredParamMissing: (param: string) =>
    error(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: param }),
  invalidParam: (param: string, message = 'the given parameter value is invalid') =>
    error(400, 'INVALID_DATA', message, { param_name: param }),
  paginationLimit: (limit: number) =>
    error(400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', 'use page_token to get records beyond this limit', {
      limit,
    }),
  onlyOneRecord: () =>
    error(400, 'INVALID_DATA', 'only one record can be given on this URL', { api_name: 'data', json_path: '$.data' }),

  // per record, inside data[]
  invalidRecordId: (jsonPath: string, id: string) =>
    error(400, 'INVALID_DATA', 'The record Id given seems to be invalid', { api_name: 'id', json_path: jsonPath, id }),
  invalidTerritoryId: (jsonPath: string, id: string) =>
    error(400, 'INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: jsonPath, id }),
  recordLocked: (id: string) =>
    error(400, 'RECORD_LOCKED', 'Sorry, you cannot perform this operation as the record is locked.', { id }),
  alreadyScheduled: (id: string, jobId: string) =>
    error(400, 'ALREADY_SCHEDULED', 'a territory job is already scheduled for this record', { id, job_id: jobId }),
  systemAssigned: (jsonPath: string, id: string) =>
    error(403, 'NOT_ALLOWED', 'Territory id which you are trying to remove was system assigned', {
      api_name: 'id',
      json_path: jsonPath,
      id,
    }),
  duplicateTerritory: (jsonPath: string, id: string) =>
    error(400, 'DUPLICATE_DATA', 'Given Territory id already exists for that record', {
      api_name: 'id',
      json_path: jsonPath,
      id,
    }),
  territoryLimit: (jsonPath: string, limit: number) =>
    error(400, 'LIMIT_EXCEEDED', 'Maximum limit of territories for that record exceeds', {
      api_name: 'Territories',
      json_path: jsonPath,
      limit,
    }),
  removed: (id: string) => success(200, 'SUCCESS', 'the terriroies data removed successfully', { id }),
  assigned: (id: string) => success(200, 'SUCCESS', 'the territories data updated successfully', { id }),
  removalScheduled: (id: string, jobId: string) =>
    success(202, 'SCHEDULED', 'Territory removal process scheduled successfully', { id, job_id: jobId }),
  assignmentScheduled: (id: string, jobId: string) =>
    success(202, 'SCHEDULED', 'Territory assignment process scheduled successfully', { id, job_id: jobId }),
};

/**
 * HTTP status of a `data[]` answer: 200 all done, 202 all accepted with at least one scheduled,
 * 207 success and error mixed, else the errors' own status when they agree (400 when they do not).
 */
export function statusOfResults(results: readonly Outcome[]): number {
  const successes = results.filter((result) => result.body.status === 'success');
  const errors = results.filter((result) => result.body.status === 'error');
  if (errors.length === 0) return successes.some((result) => result.httpStatus === 202) ? 202 : 200;
  if (successes.length > 0) return 207;
  const statuses = new Set(errors.map((result) => result.httpStatus));
  const [only] = statuses;
  return statuses.size === 1 && only !== undefined ? only : 400;
}
