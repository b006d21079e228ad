import { useState } from 'react';
import { Icon } from './icons';

type Rating = 'up' | 'down';
type Phase = 'idle' | 'commenting' | 'sending' | 'sent' | 'failed';

interface Props {
  turnId: string;
  apiBase: string;
  /** Injected by tests; the page's fetch otherwise. */
  fetchFn?: typeof fetch;
}

/** 👍/👎 (SVG icons: a shopper without an emoji font saw empty boxes) under an answer: POST {apiBase}/feedback with the answer's turn id (👎 asks for an optional comment). */
export function Feedback({ turnId, apiBase, fetchFn = (...a) => fetch(...a) }: Props) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');

  async function send(chosen: Rating, text = '') {
    setRating(chosen);
    setPhase('sending');
    try {
      const response = await fetchFn(`${apiBase.replace(/\/+$/, '')}/feedback`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ turn_id: turnId, rating: chosen, comment: text.trim().normalize('NFC') || null }),
      });
      setPhase(response.ok ? 'sent' : 'failed');
    } catch {
      setPhase('failed');
    }
  }

  if (phase === 'sent') {
    return (
      <div className="bsw-chips" data-testid="feedback" data-rating={rating ?? ''} role="status">
        <span className="bsw-note">{rating === 'up' ? '평가해 주셔서 감사해요!' : '의견 감사해요. 더 나은 답변을 준비할게요.'}</span>
      </div>
    );
  }
  if (phase === 'commenting') {
    return (
      <form
        className="bsw-chips"
        data-testid="feedback"
        onSubmit={(event) => {
          event.preventDefault();
          void send('down', comment);
        }}
      >
        <input
          aria-label="아쉬운 점 (선택)"
          placeholder="어떤 점이 아쉬웠나요? (선택)"
          maxLength={1000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          style={{ flex: 1, minWidth: 0, font: 'inherit', padding: '4px 8px' }}
        />
        <button type="submit" className="bsw-chip bsw-chip--ask" data-testid="feedback-send">
          보내기
        </button>
      </form>
    );
  }
  return (
    <div className="bsw-chips" data-testid="feedback" aria-label="답변 평가">
      <button type="button" className="bsw-chip bsw-chip--ask" aria-label="도움이 됐어요" data-testid="feedback-up" disabled={phase === 'sending'} onClick={() => void send('up')}>
        <Icon name="thumbsUp" size={14} />
      </button>
      <button type="button" className="bsw-chip bsw-chip--ask" aria-label="아쉬워요" data-testid="feedback-down" disabled={phase === 'sending'} onClick={() => setPhase('commenting')}>
        <Icon name="thumbsDown" size={14} />
      </button>
      {phase === 'failed' && <span className="bsw-note">평가를 보내지 못했어요. 다시 눌러 주세요.</span>}
    </div>
  );
}
