import { z } from '../zod';
import { DemoSchema, NarrationFileSchema, PackManifestSchema } from './schema';

/** JSON Schemas for authors' editors, generated from the zod schemas (the single source of truth). */
export function contentJsonSchemas(): { 'demo.schema.json': unknown; 'pack.schema.json': unknown; 'narration.schema.json': unknown } {
  const options = { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' } as const;
  return {
    'demo.schema.json': { title: 'Trạm Kỹ Năng Số — bài thực hành', ...z.toJSONSchema(DemoSchema, options) },
    'pack.schema.json': { title: 'Trạm Kỹ Năng Số — gói nội dung', ...z.toJSONSchema(PackManifestSchema, options) },
    'narration.schema.json': { title: 'Trạm Kỹ Năng Số — lời đọc của một bài (gói lời đọc)', ...z.toJSONSchema(NarrationFileSchema, options) },
  };
}
