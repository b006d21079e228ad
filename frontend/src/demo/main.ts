/**
 * Demo shop: a BlankSpace-like product grid in plain DOM code, like a shop that knows nothing
 * about React. The chat widget arrives through the `<script src="/widget.js">` tag.
 */
import { ChatClient } from '../api/client';
import { toApiError } from '../api/errors';
import type { Product } from '../api/types';
import { firstImage, formatPrice } from '../lib/format';
import { mountCartBadge } from './cartBadge';
import './shop.css';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function placeholder(): HTMLElement {
  return el('div', 'shop-placeholder', 'BLANKSPACE');
}

function productItem(product: Product): HTMLLIElement {
  const item = el('li', 'shop-item');
  const link = el('a');
  link.href = product.url || '#';
  const image = firstImage(product);
  if (image) {
    const img = el('img');
    img.src = image;
    img.alt = product.name ?? '';
    img.loading = 'lazy';
    img.onerror = () => img.replaceWith(placeholder());
    link.append(img);
  } else {
    link.append(placeholder());
  }
  link.append(el('div', 'shop-name', product.name), el('div', 'shop-price', formatPrice(product.price)));
  item.append(link);
  return item;
}

async function renderGrid(grid: HTMLElement, status: HTMLElement): Promise<void> {
  try {
    const products = await new ChatClient('/api/llm').searchProducts('', 24);
    grid.replaceChildren(...products.map(productItem));
    status.textContent = products.length ? '' : '등록된 상품이 없어요.';
  } catch (error) {
    status.textContent = toApiError(error).userMessage;
    status.className = 'shop-error';
  }
}

void renderGrid(document.getElementById('shop-grid')!, document.getElementById('shop-status')!);
mountCartBadge(document.querySelector('.shop-header')!);

if (import.meta.env.DEV) {
  // `npm run dev` has no built widget.js: mount the same widget from source.
  void import('../widget/embed');
}
