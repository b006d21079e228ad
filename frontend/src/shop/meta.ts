/** The shop-action fields of a chat turn's meta event (llm_server/actions ActionMeta). */
import type { CartResult, HandoffView, OrderView } from './types';

export interface ShopMeta {
  order?: OrderView;
  cart?: CartResult;
  handoff?: HandoffView;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The order / cart / handoff a meta event carries, or undefined when it carries none. */
export function shopMetaOf(meta: unknown): ShopMeta | undefined {
  if (!isObject(meta)) return undefined;
  const picked: ShopMeta = {};
  if (isObject(meta.order) && Array.isArray(meta.order.steps)) picked.order = meta.order as unknown as OrderView;
  if (isObject(meta.cart) && isObject(meta.cart.cart)) picked.cart = meta.cart as unknown as CartResult;
  if (isObject(meta.handoff) && typeof meta.handoff.status === 'string') picked.handoff = meta.handoff as unknown as HandoffView;
  return Object.keys(picked).length ? picked : undefined;
}
