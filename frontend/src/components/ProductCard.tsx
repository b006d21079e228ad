import { useState } from 'react';
import type { Product } from '../api/types';
import { firstImage, formatPrice, sizesInStock } from '../lib/format';

export function ProductCard({ product }: { product: Product }) {
  const [broken, setBroken] = useState(false);
  const image = firstImage(product);
  const sizes = sizesInStock(product);
  const body = (
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
  return product.url ? (
    <a className="bsw-card" data-testid="product-card" href={product.url} target="_blank" rel="noopener noreferrer" aria-label={label}>
      {body}
    </a>
  ) : (
    <div className="bsw-card" data-testid="product-card" aria-label={label}>
      {body}
    </div>
  );
}
