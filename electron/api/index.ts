import type { Services } from '../services';
import { createHandlers } from './handlers';
import { createApiCore, type ApiCore } from './invoke';

export { invoke, type ApiCore } from './invoke';

/** The API every transport serves, over the given services. */
export function createApi(services: Services): ApiCore {
  return createApiCore(createHandlers(services), services.deps.log, (session, role) => services.staff.authorize(session, role));
}
