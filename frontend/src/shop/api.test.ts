import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeFetch, jsonResponse } from '../test/fakes';
import { addToCart, announceCart, CART_EVENT, getCart, ShopApiError } from './api';

const CART = { items: [{ sku: 'BS-BL-0004', name: '블라우스', size: 'M', qty: 1, price: 48000 }], count: 1, total: 48000 };

describe('shop api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds to the cart as the widget session', async () => {
    const fake = new FakeFetch().reply(() => jsonResponse({ added: CART.items[0], cart: CART }, 201));
    const result = await addToCart('w_session_01', 'BS-BL-0004', 'M', 1, fake.fetch);
    expect(result.cart.count).toBe(1);
    expect(fake.calls[0].url).toBe('/api/cart');
    expect(fake.calls[0].init.method).toBe('POST');
    expect(fake.calls[0].init.headers).toMatchObject({ 'X-Session-ID': 'w_session_01', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(fake.calls[0].init.body))).toEqual({ sku: 'BS-BL-0004', size: 'M', qty: 1 });
  });

  it("keeps the server's Korean message and code on refusal", async () => {
    const error = { error: { code: 'size_unavailable', message: 'L 사이즈는 재고가 부족합니다. 구매 가능한 사이즈: S, M', sizes_in_stock: ['S', 'M'] } };
    const fake = new FakeFetch().reply(() => jsonResponse(error, 409));
    const refused = await addToCart('w_session_01', 'BS-BL-0004', 'L', 1, fake.fetch).catch((e) => e);
    expect(refused).toBeInstanceOf(ShopApiError);
    expect(refused).toMatchObject({ code: 'size_unavailable', status: 409, message: error.error.message });
  });

  it('says so in Korean when the shop cannot be reached', async () => {
    const refused = await getCart('w_session_01', new FakeFetch().fetch).catch((e) => e);
    expect(refused).toMatchObject({ code: 'network_error', status: 0 });
    expect(refused.message).toContain('연결할 수 없어요');
  });

  it('announces a changed cart on window', () => {
    const seen: number[] = [];
    const listener = (event: Event) => seen.push((event as CustomEvent).detail.count);
    window.addEventListener(CART_EVENT, listener);
    announceCart(CART);
    window.removeEventListener(CART_EVENT, listener);
    expect(seen).toEqual([1]);
  });
});
