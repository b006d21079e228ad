import { useState } from 'react';
import type { Product } from '../api/types';
import { SessionStore } from '../chat/session';
import { firstImage, formatPrice, sizesInStock } from '../lib/format';
import { addToCart, announceCart, ShopApiError } from '../shop/api';

export function ProductCard({ product }: { product: Product }) {
  const [broken, setBroken] = useState(false);
  const image = firstImage(product);
  const sizes = sizesInStock(product);
  const summary = (
    <>
      {image && !broken ? (
        <img className="bsw-card__image" src={image} alt={product.name} loading="lazy" onError={() => setBroken(true)} />
      ) : (
        <div className="bsw-card__image bsw-card__image--placeholder" role="img" aria-label="이미지 없음">
          BLANKSPACE
        </div>
      )}
      <div className="bsw-card__body">
        <div className="bsw-card__name">{product.name}</div>
        <div className="bsw-card__price" data-price={product.price}>
          {formatPrice(product.price)}
        </div>
        <div className="bsw-card__sizes">{sizes.length ? `재고 사이즈: ${sizes.join(' · ')}` : '품절'}</div>
      </div>
    </>
  );
  const label = `${product.name}, ${formatPrice(product.price)}`;
  const card = product.url ? (
    <a className="bsw-card" data-testid="product-card" href={product.url} target="_blank" rel="noopener noreferrer" aria-label={label}>
      {summary}
    </a>
  ) : (
    <div className="bsw-card" data-testid="product-card" aria-label={label}>
      {summary}
    </div>
  );
  // The cart controls sit beside the card, not inside it: a link may not contain a form control.
  return (
    <div className="bsw-card-wrap" data-sku={product.sku}>
      {card}
      {product.sku && sizes.length > 0 && <AddToCart product={product} sizes={sizes} />}
    </div>
  );
}

type Note = { text: string; error: boolean } | null;

/** Size select + 담기: adds to the shopper's cart on the shop backend, then tells the page. */
function AddToCart({ product, sizes }: { product: Product; sizes: string[] }) {
  const [size, setSize] = useState(sizes[0]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const add = async () => {
    setBusy(true);
    try {
      const { cart } = await addToCart(new SessionStore().current(), product.sku, size);
      announceCart(cart);
      setNote({ text: `${size} 사이즈를 장바구니에 담았어요.`, error: false });
    } catch (error) {
      setNote({ text: error instanceof ShopApiError ? error.message : '담지 못했어요.', error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="bsw-card__cart">
        <select aria-label={`${product.name} 사이즈`} data-testid="size-select" value={size} onChange={(e) => setSize(e.target.value)}>
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className="bsw-card__add" data-testid="add-to-cart" disabled={busy} onClick={add}>
          담기
        </button>
      </div>
      {note && (
        <div className={`bsw-card__note${note.error ? ' bsw-card__note--error' : ''}`} role="status" data-testid="cart-note">
          {note.text}
        </div>
      )}
    </>
  );
}
