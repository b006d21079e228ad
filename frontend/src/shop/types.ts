/** Shapes of the shop backend's API (backend/src/shop) and of the chat meta that carries them. */
import type { components } from '../api/schema.gen';

export interface CartLine {
  sku: string;
  name: string;
  size: string;
  qty: number;
  price: number;
  image?: string | null;
}

export interface Cart {
  items: CartLine[];
  count: number;
  total: number;
}

export interface CartResult {
  added: CartLine;
  cart: Cart;
}

export type OrderState = '결제완료' | '상품준비중' | '배송중' | '배송완료' | '취소';

export interface OrderStep {
  status: OrderState;
  at: string | null;
  done: boolean;
  current: boolean;
}

export interface OrderView {
  order_no: string;
  status: OrderState;
  courier?: string | null;
  tracking_no?: string | null;
  total?: number;
  items?: { name: string; size?: string | null; qty: number }[];
  steps: OrderStep[];
}

export interface HandoffView {
  id?: string;
  status: string;
  message?: string;
  created_at?: string;
}

/** One way to reach the shop's staff (llm_server protocol ContactChannel, SHOP_CONTACT_*). */
export type ContactChannel = components['schemas']['ContactChannel'];
