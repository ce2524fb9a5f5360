// Validation at a process boundary: unknown data in, parsed input or an ApiError with per-field
// Russian messages out.
import type { z } from 'zod';
import { apiContract, type ApiMethod, type ApiParsedInput } from './api.js';
import { ApiError } from './errors.js';

export function parseApiInput<M extends ApiMethod>(method: M, raw: unknown): ApiParsedInput<M> {
  const schema: z.ZodType = apiContract[method].input;
  const result = schema.safeParse(raw === undefined ? {} : raw);
  if (result.success) return result.data as ApiParsedInput<M>;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.code === 'unrecognized_keys' ? `Лишние поля: ${issue.keys.join(', ')}` : issue.message,
  }));
  const first = issues[0];
  throw new ApiError({
    code: 'validation',
    message: first ? `Проверьте данные: ${first.message}` : 'Проверьте данные',
    issues,
  });
}
