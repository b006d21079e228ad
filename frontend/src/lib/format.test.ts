import { describe, expect, it } from 'vitest';
import { firstImage, formatPrice, sizesInStock, withoutCardLines } from './format';

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

describe('withoutCardLines', () => {
  const products = [{ name: '린넨 오버핏 셔츠 (아이보리)' }, { name: '코튼 베이직 셔츠' }];

  it('drops the list lines of products shown as cards and keeps the rest', () => {
    const text = '셔츠 중에서 찾은 상품이에요:\n- 린넨 오버핏 셔츠 (아이보리) — 29,000원 (사이즈: S, M)\n- 코튼 베이직 셔츠 — 19,000원 (사이즈: M)\n사이즈 문의는 언제든 해 주세요.';
    expect(withoutCardLines(text, products)).toBe('셔츠 중에서 찾은 상품이에요:\n사이즈 문의는 언제든 해 주세요.');
  });

  it('keeps lines about other products, prose naming a product, and everything without cards', () => {
    const text = '- 울 코트 — 150,000원\n린넨 오버핏 셔츠 (아이보리)는 손세탁을 권해요.';
    expect(withoutCardLines(text, products)).toBe(text);
    expect(withoutCardLines('- 린넨 오버핏 셔츠 (아이보리) — 29,000원', [])).toBe('- 린넨 오버핏 셔츠 (아이보리) — 29,000원');
  });
});
