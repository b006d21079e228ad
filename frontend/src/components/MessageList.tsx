import { useEffect, useRef } from 'react';
import type { ChatMessage } from '../chat/controller';
import { withoutCardLines } from '../lib/format';
import { Feedback } from './Feedback';
import { Icon } from './icons';
import { ProductCard } from './ProductCard';
import { ShopResults } from './ShopResults';

export const STARTERS = ['3만원 이하 티셔츠 추천해줘', '배송은 얼마나 걸려요?', '교환·반품은 어떻게 하나요?'];

interface Props {
  messages: ChatMessage[];
  busy: boolean;
  onAsk(question: string): void;
  apiBase?: string;
}

export function MessageList({ messages, busy, onAsk, apiBase = '/api/llm' }: Props) {
  const end = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1];
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, last?.content, last?.products.length]);

  return (
    <div className="bsw-messages" role="log" aria-live="polite" aria-label="대화 내용">
      {messages.length === 0 && <Welcome onAsk={onAsk} disabled={busy} />}
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} showSuggestions={m === last && !busy} onAsk={onAsk} apiBase={apiBase} />
      ))}
      <div ref={end} />
    </div>
  );
}

function Welcome({ onAsk, disabled }: { onAsk(q: string): void; disabled: boolean }) {
  return (
    <div className="bsw-msg bsw-msg--assistant">
      <div className="bsw-bubble">
        안녕하세요! BlankSpace 쇼핑 도우미예요. 상품 추천, 사이즈, 배송·교환 문의를 도와드릴게요.
      </div>
      <Suggestions items={STARTERS} onAsk={onAsk} disabled={disabled} />
    </div>
  );
}

function MessageItem({ message, showSuggestions, onAsk, apiBase }: { message: ChatMessage; showSuggestions: boolean; onAsk(q: string): void; apiBase: string }) {
  const { role, status } = message;
  return (
    <div className={`bsw-msg bsw-msg--${role}`} data-testid={`msg-${role}`} data-status={status}>
      <div className="bsw-bubble">
        {message.via === 'voice' && (
          <span className="bsw-voice-tag" role="img" aria-label="음성 메시지">
            <Icon name="mic" size={14} />
          </span>
        )}
        {withoutCardLines(message.content, message.products) || (status === 'pending' || status === 'streaming' ? <Typing /> : null)}
        {status === 'stopped' && <span className="bsw-note"> (답변을 중지했어요)</span>}
      </div>
      {message.products.length > 0 && (
        <div className="bsw-cards" aria-label="추천 상품">
          {message.products.map((p) => (
            <ProductCard key={p.sku || p.name} product={p} />
          ))}
        </div>
      )}
      {message.shop && <ShopResults shop={message.shop} />}
      {message.faq.length > 0 && (
        <div className="bsw-chips" aria-label="참고한 FAQ">
          {message.faq.map((f) => (
            <span key={f.id || f.question} className="bsw-chip bsw-chip--source" data-testid="faq-chip" title={f.answer}>
              {f.question}
            </span>
          ))}
        </div>
      )}
      {status === 'done' && message.turnId && <Feedback key={message.turnId} turnId={message.turnId} apiBase={apiBase} />}
      {showSuggestions && status === 'done' && <Suggestions items={message.suggestions} onAsk={onAsk} />}
    </div>
  );
}

function Suggestions({ items, onAsk, disabled }: { items: string[]; onAsk(q: string): void; disabled?: boolean }) {
  if (items.length === 0) return null;
  return (
    <div className="bsw-chips" aria-label="추천 질문">
      {items.map((q) => (
        <button key={q} type="button" className="bsw-chip bsw-chip--ask" data-testid="suggestion" disabled={disabled} onClick={() => onAsk(q)}>
          {q}
        </button>
      ))}
    </div>
  );
}

function Typing() {
  return (
    <span className="bsw-typing" aria-label="답변 작성 중">
      <i />
      <i />
      <i />
    </span>
  );
}
