import type { Result } from '../../../electron/api/types';
import { fieldsOf } from './text';

/** What a save said last: "Đã lưu" or the core's refusal. */
export interface SaveStatus {
  ok: boolean;
  text: string;
}

/** One settings form's save: busy while it runs, then a confirmation or the refusal with per-field messages. */
export class Saver {
  busy = $state(false);
  status = $state<SaveStatus | null>(null);
  errors = $state<Record<string, string>>({});

  /** Runs a save; field keys lose `prefix` (the core names them `patch.…`). Resolves to the value, or null when refused. */
  async run<T>(call: () => Promise<Result<T>>, okText: string, prefix = 'patch.'): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    this.status = null;
    const result = await call();
    this.busy = false;
    if (result.ok) {
      this.errors = {};
      this.status = { ok: true, text: okText };
      return result.value;
    }
    this.errors = fieldsOf(result.error, prefix);
    this.status = { ok: false, text: result.error.message };
    return null;
  }

  /** Problems found before sending: shown like the core's. */
  refuse(errors: Record<string, string>, text: string): void {
    this.errors = errors;
    this.status = { ok: false, text };
  }

  /** The form changed: an old "Đã lưu" no longer describes it. */
  edited(): void {
    if (this.status?.ok) this.status = null;
  }
}
