import os from 'node:os';
import path from 'node:path';

/** The folder name Electron derives `userData` from (the package name). */
export const APP_FOLDER_NAME = 'tram-ky-nang-so';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives this app,
 * so the kiosk, the browser shell and the CLI share records and settings by default.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, APP_FOLDER_NAME);
}

/** The data folder chosen by `--data DIR`, else `KIOSK_DATA_DIR`, else the per-user default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? (env.KIOSK_DATA_DIR ? env.KIOSK_DATA_DIR : undefined);
  return path.resolve(chosen ?? defaultDataDir(env));
}

/** Where the app's read-only parts live. */
export interface AppPaths {
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** Built-in content packs. */
  contentDir: string;
  /** Be Vietnam Pro font files (woff2, all subsets). */
  fontsDir: string;
  /** Other bundled resources (consent text, images). */
  resourcesDir: string;
}

/**
 * Resolves the read-only folders. In a packaged Electron app, content and fonts are extra
 * resources beside the asar; from a checkout they come from `resources/` and `node_modules/`.
 */
export function resolveAppPaths(appRoot: string, packagedResources?: string): AppPaths {
  const rendererDir = path.join(appRoot, 'dist', 'renderer');
  if (packagedResources) {
    return {
      rendererDir,
      contentDir: path.join(packagedResources, 'content'),
      fontsDir: path.join(packagedResources, 'fonts'),
      resourcesDir: packagedResources,
    };
  }
  return {
    rendererDir,
    contentDir: path.join(appRoot, 'resources', 'content'),
    fontsDir: path.join(appRoot, 'node_modules', '@fontsource', 'be-vietnam-pro', 'files'),
    resourcesDir: path.join(appRoot, 'resources'),
  };
}
