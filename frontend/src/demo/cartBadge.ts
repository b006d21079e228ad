/**
 * The demo shop's cart badge: the count of the shopper's cart on the shop backend (GET /api/cart,
 * as the widget's session), updated when the widget announces a change and every few seconds
 * (the assistant can add to the cart from the chat too).
 */
import { SessionStore } from '../chat/session';
import { CART_EVENT, getCart } from '../shop/api';
import type { Cart } from '../shop/types';

const REFRESH_MS = 4000;

function render(badge: HTMLElement, count: number): void {
  badge.textContent = `장바구니 ${count}`;
  badge.dataset.count = String(count);
}

async function refresh(badge: HTMLElement): Promise<void> {
  try {
    render(badge, (await getCart(new SessionStore().current())).count);
  } catch {
    // the shop API is down: keep the last count
  }
}

export function mountCartBadge(parent: HTMLElement): HTMLElement {
  const badge = document.createElement('a');
  badge.className = 'shop-cart';
  badge.href = '#cart';
  badge.dataset.testid = 'cart-badge';
  render(badge, 0);
  parent.append(badge);
  window.addEventListener(CART_EVENT, (event) => render(badge, (event as CustomEvent<Cart>).detail.count));
  void refresh(badge);
  window.setInterval(() => {
    if (document.visibilityState === 'visible') void refresh(badge);
  }, REFRESH_MS);
  return badge;
}
