import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Demo } from './schema';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

/** A demo with its images as data URLs, so both shells show them under the same strict CSP without serving pack folders. */
export async function withInlineAssets(demo: Demo, packDir: string): Promise<Demo> {
  const cache = new Map<string, string>();
  const steps = await Promise.all(
    demo.steps.map(async (step) => ({
      ...step,
      screen: {
        widgets: await Promise.all(
          step.screen.widgets.map(async (w) => {
            if (w.type !== 'image') return w;
            let src = cache.get(w.asset);
            if (!src) {
              // The loader already refused paths leaving the pack; resolve defensively all the same.
              const file = path.resolve(packDir, w.asset);
              if (!file.startsWith(path.resolve(packDir) + path.sep)) return w;
              const bytes = await fs.readFile(file);
              src = `data:${TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${bytes.toString('base64')}`;
              cache.set(w.asset, src);
            }
            return { ...w, src };
          }),
        ),
      },
    })),
  );
  return { ...demo, steps };
}
