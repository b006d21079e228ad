import { useState } from 'react';
import type { AdminApi, Turn } from '../api';
import { ErrorLine, errorText, time, useLoad } from '../shared';
import { ExplanationTable } from './Browse';

export function FeedbackTab({ api }: { api: AdminApi }) {
  const { value, error, reload } = useLoad(() => api.feedback(), [api]);
  return (
    <div>
      <div className="adm-row">
        <strong>👎 받은 답변 (최신순)</strong>
        <button onClick={() => void reload()}>새로고침</button>
      </div>
      <ErrorLine error={error} />
      {value?.items.length === 0 && <p>아직 👎 평가가 없습니다.</p>}
      {value?.items.map(({ turn, explanation }) => (
        <article key={turn.turn_id} className="adm-section" data-testid="feedback-item" data-turn-id={turn.turn_id}>
          <p className="adm-hint">
            {time(turn.rated_at ?? turn.created_at)} · 답변 방식 {turn.answer_mode} · 의도 {turn.intent}
          </p>
          <p>
            <strong>질문:</strong> <span data-testid="feedback-question">{turn.question}</span>
          </p>
          <p>
            <strong>답변:</strong> {turn.answer}
          </p>
          {turn.comment && (
            <p>
              <strong>쇼핑객 의견:</strong> {turn.comment}
            </p>
          )}
          <p className="adm-hint">
            상품 {turn.products.map((p) => p.sku).join(', ') || '없음'} · FAQ {turn.faq.map((f) => f.question).join(' / ') || '없음'}
          </p>
          {explanation && (
            <details>
              <summary>지금 이 질문의 검색 결과 (순위 설명)</summary>
              <ExplanationTable explanation={explanation} />
            </details>
          )}
          <FixForm api={api} turn={turn} onFixed={() => void reload()} />
        </article>
      ))}
    </div>
  );
}

function FixForm({ api, turn, onFixed }: { api: AdminApi; turn: Turn; onFixed(): void }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (turn.fixed_faq_id) {
    return <p className="adm-ok" data-testid="fixed">수정 답변이 FAQ로 등록됨 ({turn.fixed_faq_id}). 같은 질문에는 이 답변이 바로 나갑니다.</p>;
  }
  async function save(event: React.FormEvent) {
    event.preventDefault();
    try {
      await api.fix(turn.turn_id, answer.normalize('NFC'));
      onFixed();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <form className="adm-form" onSubmit={save}>
      <textarea aria-label="올바른 답변" placeholder="올바른 답변을 적어 주세요. 같은 질문을 한 다음 쇼핑객부터 이 답변을 받습니다." value={answer} onChange={(e) => setAnswer(e.target.value)} required maxLength={4000} rows={3} />
      <button type="submit" data-testid="fix-submit">
        수정 답변 저장
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
