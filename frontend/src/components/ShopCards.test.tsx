import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Product } from '../api/types';
import { CART_EVENT } from '../shop/api';
import { FakeFetch, jsonResponse } from '../test/fakes';
import { HandoffNotice } from './HandoffNotice';
import { OrderCard } from './OrderCard';
import { ProductCard } from './ProductCard';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const $$ = (selector: string) => Array.from(container.querySelectorAll<HTMLElement>(selector));

const BLOUSE: Product = { sku: 'BS-BL-0004', name: '코튼 베이직 블라우스 (카멜)', price: 48000, stock: { S: 21, M: 15, L: 0, XL: 16 }, url: 'https://shop/bl4' };

async function render(node: React.ReactNode) {
  await act(async () => root.render(node));
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  localStorage.setItem('blankspace-chat.session-id', 'w_cardtest_01');
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe('ProductCard cart controls', () => {
  it('offers only sizes in stock and adds the chosen one, announcing the cart', async () => {
    const fake = new FakeFetch().reply(() =>
      jsonResponse({ added: { sku: BLOUSE.sku, name: BLOUSE.name, size: 'XL', qty: 1, price: 48000 }, cart: { items: [], count: 3, total: 144000 } }, 201),
    );
    vi.stubGlobal('fetch', fake.fetch);
    const counts: number[] = [];
    window.addEventListener(CART_EVENT, (e) => counts.push((e as CustomEvent).detail.count), { once: true });
    await render(<ProductCard product={BLOUSE} />);
    expect($('[data-testid=product-card]')!.getAttribute('href')).toBe('https://shop/bl4');
    const select = $<HTMLSelectElement>('[data-testid=size-select]')!;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['S', 'M', 'XL']);
    await act(async () => {
      select.value = 'XL';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => $<HTMLButtonElement>('[data-testid=add-to-cart]')!.click());
    expect(JSON.parse(String(fake.calls[0].init.body))).toEqual({ sku: BLOUSE.sku, size: 'XL', qty: 1 });
    expect(fake.calls[0].init.headers).toMatchObject({ 'X-Session-ID': 'w_cardtest_01' });
    expect(counts).toEqual([3]);
    expect($('[data-testid=cart-note]')!.textContent).toBe('XL 사이즈를 장바구니에 담았어요.');
  });

  it("shows the shop's refusal", async () => {
    vi.stubGlobal('fetch', new FakeFetch().reply(() => jsonResponse({ error: { code: 'size_unavailable', message: 'S 사이즈는 재고가 부족합니다.' } }, 409)).fetch);
    await render(<ProductCard product={BLOUSE} />);
    await act(async () => $<HTMLButtonElement>('[data-testid=add-to-cart]')!.click());
    expect($('[data-testid=cart-note]')!.className).toContain('bsw-card__note--error');
    expect($('[data-testid=cart-note]')!.textContent).toBe('S 사이즈는 재고가 부족합니다.');
  });

  it('has no cart controls for a sold-out product', async () => {
    await render(<ProductCard product={{ ...BLOUSE, stock: { S: 0 } }} />);
    expect($('[data-testid=add-to-cart]')).toBeNull();
    expect($('.bsw-card__sizes')!.textContent).toBe('품절');
  });
});

describe('OrderCard and HandoffNotice', () => {
  it('shows the order steps, the current one marked, and the tracking number', async () => {
    const steps = [
      { status: '결제완료', at: '2026-11-14T05:00:00Z', done: true, current: false },
      { status: '상품준비중', at: '2026-11-14T20:00:00Z', done: true, current: false },
      { status: '배송중', at: '2026-11-15T13:21:00Z', done: true, current: true },
      { status: '배송완료', at: null, done: false, current: false },
    ] as const;
    await render(<OrderCard order={{ order_no: '20261114-1007', status: '배송중', courier: '롯데택배', tracking_no: '123456789012', total: 86000, items: [{ name: '셔츠', size: 'M', qty: 1 }], steps: [...steps] }} />);
    expect($('[data-testid=order-status]')!.textContent).toBe('배송중');
    expect($$('[data-testid=order-step]').map((s) => s.dataset.done)).toEqual(['true', 'true', 'true', 'false']);
    expect($('[aria-current=step]')!.textContent).toBe('배송중11.15 22:21'); // Korean time
    expect($$('[data-testid=order-step]')[3].textContent).toBe('배송완료');
    expect($('[data-testid=order-tracking]')!.textContent).toBe('롯데택배 123456789012');
    expect(container.textContent).toContain('셔츠 (M) · ₩86,000');
  });

  it('tells the shopper a person will take over', async () => {
    await render(<HandoffNotice handoff={{ status: 'open', message: '상담원 연결을 요청했어요.' }} />);
    expect($('[data-testid=handoff-notice]')!.dataset.status).toBe('open');
    expect(container.textContent).toContain('상담원 연결 요청됨');
  });
});
