/** The widget's calls to the shop backend's own API (cart), and the cart event the shop page hears. */
import type { Cart, CartResult } from './types';

export const CART_EVENT = 'blankspace:cart';
const DEFAULT_BASE = '/api';

export class ShopApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Fetch = typeof fetch;

async function send<T>(path: string, sessionId: string, init: RequestInit = {}, fetchImpl: Fetch = fetch): Promise<T> {
  let response: Response;
  try {
    const headers = { 'X-Session-ID': sessionId, ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
    response = await fetchImpl(`${DEFAULT_BASE}${path}`, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ShopApiError('쇼핑몰 서버에 연결할 수 없어요. 잠시 후 다시 시도해 주세요.', 'network_error', 0);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ShopApiError(error.message || '요청을 처리하지 못했어요.', error.code || 'http_error', response.status);
  }
  return body as T;
}

export function addToCart(sessionId: string, sku: string, size: string, qty = 1, fetchImpl?: Fetch): Promise<CartResult> {
  return send('/cart', sessionId, { method: 'POST', body: JSON.stringify({ sku, size, qty }) }, fetchImpl);
}

export function getCart(sessionId: string, fetchImpl?: Fetch): Promise<Cart> {
  return send('/cart', sessionId, {}, fetchImpl);
}

/** Tells the page (e.g. the demo shop's cart badge) that the cart changed. */
export function announceCart(cart: Cart): void {
  window.dispatchEvent(new CustomEvent<Cart>(CART_EVENT, { detail: cart }));
}
