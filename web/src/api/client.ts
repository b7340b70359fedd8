// The storefront's and dashboard's HTTP client, typed by the contract: a path, a method or a body that
// docs/openapi.yaml does not have does not compile.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export function apiClient(baseUrl: string, fetchImpl?: typeof fetch) {
  return createClient<paths>({ baseUrl, fetch: fetchImpl });
}
