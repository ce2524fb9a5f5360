import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCelsius } from './celsius-input.js';

describe('parseCelsius', () => {
  it.each([
    ['18', 18],
    ['+18,5', 18.5],
    ['18.5', 18.5],
    [' 18,5 °C ', 18.5],
    ['18°', 18],
    ['18 °С', 18],
    ['18С', 18],
    ['17,9c', 17.9],
    ['−3', -3],
    ['-0,5', -0.5],
    ['+ 19', 19],
  ])('reads «%s» as %d', (text, expected) => {
    expect(parseCelsius(text)).toBe(expected);
  });

  it('an empty field is no value', () => {
    expect(parseCelsius('')).toBeNull();
    expect(parseCelsius('   ')).toBeNull();
  });

  it.each(['тепло', '18-20', '18,5,1', '°C', '1e2', '0x12', '18 градусов', '1000'])('«%s» is not a temperature', (text) => {
    expect(parseCelsius(text)).toBeNaN();
  });

  it('any number written with a comma or a point and an optional unit reads back as itself', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 600 }),
        fc.constantFrom(',', '.'),
        fc.constantFrom('', ' °C', '°', ' °С', 'С'),
        (tenths, point, unit) => {
          const value = tenths / 10;
          const text = `${value < 0 ? '−' : ''}${Math.abs(value).toFixed(1).replace('.', point)}${unit}`;
          expect(parseCelsius(text)).toBeCloseTo(value, 10);
        },
      ),
    );
  });
});
