/** The shop-action fields of a chat turn's meta event (llm_server/actions ActionMeta). */
import type { CartResult, ContactChannel, HandoffView, OrderView } from './types';

export interface ShopMeta {
  order?: OrderView;
  cart?: CartResult;
  handoff?: HandoffView;
  contacts?: ContactChannel[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isContact = (value: unknown): value is ContactChannel =>
  isObject(value) && typeof value.kind === 'string' && typeof value.label === 'string' && typeof value.value === 'string';

/** The order / cart / handoff / contact channels a meta event carries, or undefined when it carries none. */
export function shopMetaOf(meta: unknown): ShopMeta | undefined {
  if (!isObject(meta)) return undefined;
  const picked: ShopMeta = {};
  if (isObject(meta.order) && Array.isArray(meta.order.steps)) picked.order = meta.order as unknown as OrderView;
  if (isObject(meta.cart) && isObject(meta.cart.cart)) picked.cart = meta.cart as unknown as CartResult;
  if (isObject(meta.handoff) && typeof meta.handoff.status === 'string') picked.handoff = meta.handoff as unknown as HandoffView;
  const contacts = Array.isArray(meta.contacts) ? meta.contacts.filter(isContact) : [];
  if (contacts.length) picked.contacts = contacts;
  return Object.keys(picked).length ? picked : undefined;
}
