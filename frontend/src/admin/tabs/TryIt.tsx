import { useState } from 'react';
import type { AdminApi, Message, TryResult } from '../api';
import { ErrorLine, errorText, Json, Section } from '../shared';

export function TryTab({ api }: { api: AdminApi }) {
  const [message, setMessage] = useState('');
  const [keepSession, setKeepSession] = useState(false);
  const [result, setResult] = useState<TryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      setResult(await api.tryTurn(message, keepSession && result ? result.session_id : null));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const meta = result?.meta ?? {};
  return (
    <div>
      <form className="adm-row" onSubmit={run}>
        <input aria-label="테스트 질문" value={message} onChange={(e) => setMessage(e.target.value)} placeholder="쇼핑객처럼 질문해 보세요" required maxLength={2000} />
        <label>
          <input type="checkbox" checked={keepSession} onChange={(e) => setKeepSession(e.target.checked)} /> 이전 대화 이어가기
        </label>
        <button type="submit" disabled={busy}>
          {busy ? '답변 중…' : '실행'}
        </button>
      </form>
      <ErrorLine error={error} />
      {result && (
        <div className="adm-columns" data-testid="try-result">
          <Section title="답변">
            <p className="adm-answer" data-testid="try-answer">
              {result.answer}
            </p>
            <p className="adm-hint">
              답변 방식 <code>{String(meta.answer_mode)}</code> · 의도 <code>{String(meta.intent)}</code> · 세션 <code>{result.session_id}</code>
            </p>
            <Json value={result.timings} />
          </Section>
          <div>
            <Section title="대화 상태">{meta.state ? <Json value={meta.state} /> : <p>없음</p>}</Section>
            <Section title="조건 (필터)">
              <Json value={meta.filters ?? {}} />
            </Section>
            <Section title="상품">
              <Json value={(meta.products as { sku: string; name: string; price: number; score?: number }[] | undefined)?.map(({ sku, name, price, score }) => ({ sku, name, price, score })) ?? []} />
            </Section>
            <Section title="FAQ">
              <Json value={(meta.faq as { id: string; question: string; score?: number }[] | undefined)?.map(({ id, question, score }) => ({ id, question, score })) ?? []} />
            </Section>
            <Section title="이전 대화">
              <Messages messages={result.history} empty="없음 (새 대화)" />
            </Section>
            <Section title="LLM에 보낸 프롬프트">
              {result.prompt ? <Messages messages={result.prompt} empty="" /> : <p>LLM을 쓰지 않은 답변입니다 (추출형 답변).</p>}
            </Section>
          </div>
        </div>
      )}
    </div>
  );
}

export function Messages({ messages, empty }: { messages: Message[]; empty: string }) {
  if (messages.length === 0) return <p>{empty}</p>;
  return (
    <ol className="adm-messages">
      {messages.map((m, i) => (
        <li key={i} className={`adm-msg adm-msg--${m.role}`}>
          <strong>{m.role}</strong>
          <pre>{m.content}</pre>
        </li>
      ))}
    </ol>
  );
}
