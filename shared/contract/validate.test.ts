import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { parseApiInput } from './validate.js';

const VALID = {
  buildingId: 'b1',
  applicantName: '  Иванов Иван ',
  channel: 'district_hotline',
  category: 'no_heating',
  description: 'Холодно',
};

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('contract input validation', () => {
  it('accepts a complete registration and trims text', () => {
    const parsed = parseApiInput('registerAppeal', VALID);
    expect(parsed.applicantName).toBe('Иванов Иван');
  });

  it('fills list defaults: deadline order, first page of 50', () => {
    expect(parseApiInput('listAppeals', {})).toEqual({ sort: { field: 'deadlineAt', direction: 'asc' }, offset: 0, limit: 50 });
  });

  it('names every wrong field in Russian', () => {
    const error = refusal(() => parseApiInput('registerAppeal', { ...VALID, buildingId: 5, channel: 'fax', description: '   ' }));
    expect(error.code).toBe('validation');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['buildingId', 'channel', 'description']);
    expect(error.issues.find((i) => i.path === 'description')?.message).toBe('Опишите проблему');
    expect(error.message).toMatch(/^Проверьте данные/);
  });

  it('refuses unknown fields and phones that are not phones', () => {
    expect(refusal(() => parseApiInput('registerAppeal', { ...VALID, status: 'closed' })).issues[0]?.message).toMatch(/Лишние поля: status/);
    expect(refusal(() => parseApiInput('registerAppeal', { ...VALID, applicantPhone: 'позвоните завтра' })).issues[0]?.path).toBe(
      'applicantPhone',
    );
    expect(parseApiInput('registerAppeal', { ...VALID, applicantPhone: '+7 (846) 332-11-22' }).applicantPhone).toBe('+7 (846) 332-11-22');
  });

  it('refuses a page size beyond the limit and a non-object input', () => {
    expect(refusal(() => parseApiInput('listAppeals', { limit: 10_000 })).issues[0]?.path).toBe('limit');
    expect(refusal(() => parseApiInput('getAppeal', 'id-1')).code).toBe('validation');
  });
});
