import { useEffect } from 'react';
import { announceCart } from '../shop/api';
import type { ShopMeta } from '../shop/meta';
import { ContactChannels } from './ContactChannels';
import { HandoffNotice } from './HandoffNotice';
import { OrderCard } from './OrderCard';

/** What a turn's shop action produced: the order card, the handoff notice and the contact
 * channels (also without a shop backend, when only `contacts` came); a cart change is
 * announced to the page (the demo shop's badge) once, when the answer arrives. */
export function ShopResults({ shop }: { shop: ShopMeta }) {
  const cart = shop.cart?.cart;
  useEffect(() => {
    if (cart) announceCart(cart);
  }, [cart]);
  return (
    <>
      {shop.order && <OrderCard order={shop.order} />}
      {shop.handoff && <HandoffNotice handoff={shop.handoff} />}
      {shop.contacts && <ContactChannels contacts={shop.contacts} />}
    </>
  );
}
