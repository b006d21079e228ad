/** Display helpers for product data. */

import type { Product } from '../api/types';

/** 12900 -> "₩12,900"; anything that is not a finite number -> "가격 문의". */
export function formatPrice(price: unknown): string {
  const value = typeof price === 'string' ? Number(price) : price;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '가격 문의';
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}₩${digits}`;
}

/** Sizes with stock > 0, in the catalog's size order; falls back to `sizes` when stock is unknown. */
export function sizesInStock(product: Pick<Product, 'sizes' | 'stock'>): string[] {
  const stock = product.stock;
  if (!stock || Object.keys(stock).length === 0) return product.sizes ?? [];
  const order = product.sizes?.length ? product.sizes : Object.keys(stock);
  const extra = Object.keys(stock).filter((s) => !order.includes(s));
  return [...order, ...extra].filter((size) => (stock[size] ?? 0) > 0);
}

export function firstImage(product: Pick<Product, 'image'>): string | undefined {
  return product.image?.find((url) => typeof url === 'string' && url.trim() !== '');
}

/**
 * The answer text without the lines that repeat a product shown as a card: the server's
 * text answer lists products as "- {name} — {price}원 …" (so voice and plain clients get
 * them), while the widget shows those products as cards below the bubble.
 */
export function withoutCardLines(content: string, products: Pick<Product, 'name'>[]): string {
  if (products.length === 0) return content;
  const names = products.map((p) => p.name).filter((name): name is string => Boolean(name));
  const kept = content.split('\n').filter((line) => {
    const item = line.trim().replace(/^[-•*]\s*/, '');
    return !(line.trim() !== item && names.some((name) => item.startsWith(name)));
  });
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
}
