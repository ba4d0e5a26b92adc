import type { Channel } from './channels';
import type { Output, ParsedInput } from './contract';
import type { Services } from '../services';
import { readAppInfo } from '../services/app-info';

/** Who is calling, as told by the transport. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'direct';
}

/** One handler per channel; each receives validated input. */
export type HandlerTable = {
  [C in Channel]: (input: ParsedInput<C>, ctx: CallContext) => Promise<Output<C>>;
};

/** The one table every transport serves. */
export function createHandlers(services: Services): HandlerTable {
  return {
    'app:info': async () =>
      readAppInfo({
        version: services.deps.version,
        shell: services.deps.shell,
        dataDir: services.deps.dataDir,
        settings: services.settings,
        catalog: services.catalog,
      }),
    'settings:get': async () => services.settings.get(),
    'content:list': async (input) => {
      const hidden = new Set(services.settings.get().hiddenDemos);
      const demos = services
        .catalog()
        .demos.filter((d) => !hidden.has(d.id) && (input.skill === undefined || d.skill === input.skill));
      return { demos };
    },
  };
}
