import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone.js';

describe('formatPhone', () => {
  it('reads a mobile number typed any way the one way', () => {
    for (const typed of ['89271234567', '8 927 123-45-67', '8 (927) 123 45 67', '+7-927-1234567', '+79271234567', '9271234567', ' 7 927 123 45 67 ']) {
      expect(formatPhone(typed)).toBe('+7 927 123-45-67');
    }
  });

  it('gives Samara’s code to a city number typed without it', () => {
    expect(formatPhone('332-45-67')).toBe('+7 846 332-45-67');
    expect(formatPhone('8 846 332 45 67')).toBe('+7 846 332-45-67');
  });

  it('leaves anything else as typed: an extension, two numbers, a foreign number, words', () => {
    for (const typed of ['8 927 123-45-67 доб. 12', '89271234567, 89277654321', '+375 29 123-45-67', 'нет телефона', '12-34', '']) {
      expect(formatPhone(typed)).toBe(typed.trim());
    }
  });
});
