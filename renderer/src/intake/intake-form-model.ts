// The intake form's values and their check: the contract's own schema decides, so the form and the
// core never disagree; its Russian messages land on the fields.
import type { FieldErrors, Resolver } from 'react-hook-form';
import { registerAppealInput, type BuildingHit, type RegisterAppealInput } from '../../../shared/contract/schemas.js';
import type { Category, Channel, Priority } from '../../../shared/domain/appeal-vocabulary.js';

export interface IntakeValues {
  building: BuildingHit | null;
  flat: string;
  applicantName: string;
  applicantPhone: string;
  channel: Channel | '';
  category: Category | '';
  /** Pre-filled from the category (defaultPriority) when it is chosen; the operator may change it. */
  priority: Priority | '';
  description: string;
}

export const EMPTY_INTAKE: IntakeValues = {
  building: null,
  flat: '',
  applicantName: '',
  applicantPhone: '',
  channel: 'district_hotline',
  category: '',
  priority: '',
  description: '',
};

export function toRegisterInput(values: IntakeValues): RegisterAppealInput {
  return {
    buildingId: values.building?.id ?? '',
    flat: values.flat,
    applicantName: values.applicantName,
    applicantPhone: values.applicantPhone,
    channel: values.channel as Channel,
    category: values.category as Category,
    ...(values.priority === '' ? {} : { priority: values.priority }),
    description: values.description,
  };
}

/** Maps a contract field to the form field that edits it. */
export function formField(path: string): keyof IntakeValues {
  const head = path.split('.')[0] ?? '';
  if (head === 'buildingId') return 'building';
  return (['flat', 'applicantName', 'applicantPhone', 'channel', 'category', 'priority', 'description'] as const).find((f) => f === head) ?? 'description';
}

export const intakeResolver: Resolver<IntakeValues> = (values) => {
  const result = registerAppealInput.safeParse(toRegisterInput(values));
  if (result.success) return { values, errors: {} };
  const errors: FieldErrors<IntakeValues> = {};
  for (const issue of result.error.issues) {
    const field = formField(issue.path.map(String).join('.'));
    errors[field] ??= { type: issue.code, message: issue.message };
  }
  return { values: {}, errors };
};
