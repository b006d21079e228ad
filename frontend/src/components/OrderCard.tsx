import type { OrderView } from '../shop/types';
import { formatPrice } from '../lib/format';

const KST = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Seoul',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-11-15T13:21:00Z -> "11.15 22:21": Korean time, like the assistant's answer. */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const part = Object.fromEntries(KST.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.month}.${part.day} ${part.hour}:${part.minute}`;
}

function itemsLine(order: OrderView): string {
  const items = order.items ?? [];
  if (items.length === 0) return '';
  const first = `${items[0].name}${items[0].size ? ` (${items[0].size})` : ''}`;
  return items.length > 1 ? `${first} 외 ${items.length - 1}건` : first;
}

/** An order's status as steps (결제완료 → 상품준비중 → 배송중 → 배송완료, or ... → 취소). */
export function OrderCard({ order }: { order: OrderView }) {
  return (
    <section className="bsw-order" data-testid="order-card" data-status={order.status} aria-label={`주문 ${order.order_no} ${order.status}`}>
      <div className="bsw-order__head">
        <span>주문 {order.order_no}</span>
        <span data-testid="order-status">{order.status}</span>
      </div>
      <ol className="bsw-order__steps">
        {order.steps.map((step) => (
          <li
            key={step.status}
            className={`bsw-order__step${step.done ? ' bsw-order__step--done' : ''}${step.current ? ' bsw-order__step--current' : ''}`}
            data-testid="order-step"
            data-done={step.done}
            aria-current={step.current ? 'step' : undefined}
          >
            <div>{step.status}</div>
            <div>{shortDate(step.at)}</div>
          </li>
        ))}
      </ol>
      {order.courier && (
        <div className="bsw-order__ship" data-testid="order-tracking">
          {order.courier} {order.tracking_no}
        </div>
      )}
      <div className="bsw-order__items">
        {itemsLine(order)}
        {order.total !== undefined && ` · ${formatPrice(order.total)}`}
      </div>
    </section>
  );
}
