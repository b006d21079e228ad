import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CART_EVENT } from '../shop/api';
import { shopMetaOf } from '../shop/meta';
import { FakeFetch, jsonResponse, sse, sseResponse } from '../test/fakes';
import { mountChatWidget } from '../widget/mount';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let unmount: () => void;
let fake: FakeFetch;
const $ = <T extends Element = HTMLElement>(selector: string) => host.shadowRoot!.querySelector<T>(selector);

const BASE = { session_id: 'w_shopmeta_01', answer_mode: 'extractive', products: [], faq: [], suggestions: [] };
const ORDER = {
  order_no: '20261114-1007',
  status: '배송중',
  courier: '롯데택배',
  tracking_no: '123456789012',
  total: 86000,
  items: [{ sku: 'BS-SH-0015', name: '옥스포드 셔츠', size: 'XL', qty: 2, price: 43000 }],
  last_change: { status: '배송중', at: '2026-11-15T13:21:00Z' },
  steps: [
    { status: '결제완료', at: '2026-11-14T05:00:00Z', done: true, current: false },
    { status: '상품준비중', at: '2026-11-14T20:00:00Z', done: true, current: false },
    { status: '배송중', at: '2026-11-15T13:21:00Z', done: true, current: true },
    { status: '배송완료', at: null, done: false, current: false },
  ],
};
const CART = { added: { sku: 'BS-BL-0004', name: '블라우스', size: 'M', qty: 1, price: 48000 }, cart: { items: [], count: 2, total: 96000 } };

async function askWidget(meta: object, text: string) {
  fake.reply(() => sseResponse(sse([['meta', meta], ['token', { text }], ['done', {}]])));
  await act(async () => $('[data-testid=launcher]')!.click());
  const input = $<HTMLTextAreaElement>('textarea')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(input, '질문');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
  for (let i = 0; i < 100 && $('[data-testid=bsw-root]')?.dataset.busy !== 'false'; i += 1) {
    await act(() => new Promise((r) => setTimeout(r, 5)));
  }
}

beforeEach(async () => {
  localStorage.clear();
  fake = new FakeFetch().reply(() => jsonResponse({ session_id: 'x', messages: [] }));
  vi.stubGlobal('fetch', fake.fetch);
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    unmount = mountChatWidget(host, { apiBase: '/api/llm' });
  });
});
afterEach(() => {
  act(() => unmount());
  host.remove();
  vi.unstubAllGlobals();
});

describe('shop actions in the chat', () => {
  it('an order in the meta shows the order card under the answer', async () => {
    await askWidget({ ...BASE, intent: 'order_status', order: ORDER }, '배송 중이에요');
    await vi.waitFor(() => expect($('[data-testid=order-card]')).not.toBeNull());
    expect($('[data-testid=order-card]')!.closest('[data-testid=msg-assistant]')).not.toBeNull();
    expect($('[data-testid=order-tracking]')!.textContent).toBe('롯데택배 123456789012');
  });

  it('a cart in the meta is announced to the page once', async () => {
    const counts: number[] = [];
    const listener = (e: Event) => counts.push((e as CustomEvent).detail.count);
    window.addEventListener(CART_EVENT, listener);
    await askWidget({ ...BASE, intent: 'cart_add', cart: CART }, '담았어요');
    await vi.waitFor(() => expect(counts).toEqual([2]));
    window.removeEventListener(CART_EVENT, listener);
  });

  it('a handoff in the meta shows its state', async () => {
    await askWidget({ ...BASE, intent: 'handoff', handoff: { id: 'h1', status: 'open', message: '상담원 연결을 요청했어요.', created_at: '2026-11-30T00:00:00Z' } }, '연결할게요');
    await vi.waitFor(() => expect($('[data-testid=handoff-notice]')).not.toBeNull());
  });

  it('shopMetaOf ignores other turns and malformed fields', () => {
    expect(shopMetaOf(BASE)).toBeUndefined();
    expect(shopMetaOf({ ...BASE, order: { order_no: 'x' }, cart: 3 })).toBeUndefined();
    expect(shopMetaOf({ ...BASE, cart: CART })).toEqual({ cart: CART });
  });
});
