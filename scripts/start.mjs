// `npm start`: the Electron kiosk where Electron's binary is installed; otherwise the browser shell.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-built.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit' })
  : (process.stdout.write(
      'Máy này chưa có Electron nên mở bản chạy trên trình duyệt (browser shell) thay thế.\n' +
        'Electron is not installed here: starting the browser shell instead.\n\n',
    ),
    spawn(process.execPath, [path.join(root, 'dist-electron', 'server.js'), ...args], { cwd: root, stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
