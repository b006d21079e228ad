import { describe, expect, it } from 'vitest';
import { firstImage, formatPrice, sizesInStock } from './format';

describe('formatPrice', () => {
  it.each([
    [29000, '₩29,000'],
    [1234567, '₩1,234,567'],
    [999, '₩999'],
    [1000, '₩1,000'],
    [0, '₩0'],
    [12900.6, '₩12,901'],
    ['39000', '₩39,000'],
    [-5000, '-₩5,000'],
  ])('%s -> %s', (input, expected) => {
    expect(formatPrice(input)).toBe(expected);
  });

  it.each([[undefined], [null], [NaN], ['abc'], [Infinity]])('%s -> 가격 문의', (input) => {
    expect(formatPrice(input)).toBe('가격 문의');
  });
});

describe('sizesInStock', () => {
  it('keeps catalog size order and drops sizes with no stock', () => {
    expect(sizesInStock({ sizes: ['S', 'M', 'L', 'XL'], stock: { XL: 1, S: 2, M: 0, L: 5 } })).toEqual(['S', 'L', 'XL']);
  });

  it('falls back to the size list when stock is unknown', () => {
    expect(sizesInStock({ sizes: ['FREE'] })).toEqual(['FREE']);
    expect(sizesInStock({ sizes: ['FREE'], stock: {} })).toEqual(['FREE']);
  });

  it('includes stocked sizes missing from the size list', () => {
    expect(sizesInStock({ sizes: ['S'], stock: { S: 0, FREE: 3 } })).toEqual(['FREE']);
  });
});

describe('firstImage', () => {
  it('skips empty urls', () => {
    expect(firstImage({ image: ['', ' ', 'https://x/a.jpg'] })).toBe('https://x/a.jpg');
    expect(firstImage({})).toBeUndefined();
  });
});
