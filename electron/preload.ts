import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from './api/channels';

// One named method per channel of the contract; the page never sees ipcRenderer or a generic invoke.
const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const [method, channel] of Object.entries(CHANNELS)) {
  api[method] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('kiosk', Object.freeze(api));
