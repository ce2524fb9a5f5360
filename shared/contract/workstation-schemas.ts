// Who works at this workstation: the local user's name, role and district. The identity issue
// replaces it with a logged-in user; until then the user states it once in «Рабочее место».
import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { districtSchema } from './schemas.js';

export const workstationUserSchema = z.strictObject({
  name: z.string({ error: 'Укажите имя' }).trim().min(1, 'Укажите имя').max(120, 'Не длиннее 120 символов'),
  role: z.enum(ROLES, { error: 'Выберите роль' }),
  /** The district the user works in; none for the Department and the admin. */
  district: districtSchema.nullable(),
});
export type WorkstationUser = z.infer<typeof workstationUserSchema>;
