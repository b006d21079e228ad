import { useEffect, useState } from 'react';
import type { AdminApi, CsvPlan, Kind, StoredItem } from '../api';
import type { Selection } from '../App';
import { ErrorLine, errorText, Json, Section } from '../shared';

interface Props {
  api: AdminApi;
  selection: Selection | null;
  onSelect(selection: Selection | null): void;
}

export function EditTab({ api, selection, onSelect }: Props) {
  const [item, setItem] = useState<StoredItem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setItem(null);
    if (!selection) return;
    api.item(selection.kind, selection.id).then(setItem, (e) => setError(errorText(e)));
  }, [api, selection]);

  async function act(label: string, action: () => Promise<{ action: string; id: string }>) {
    try {
      const result = await action();
      setStatus(`${label}: ${result.id} (${result.action})`);
      setError(null);
      if (result.action === 'deleted' || result.action === 'removed') onSelect(null);
      else if (selection) setItem(await api.item(selection.kind, result.id));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div>
      <OpenById onOpen={onSelect} />
      {status && (
        <p className="adm-ok" role="status" data-testid="edit-status">
          {status}
        </p>
      )}
      <ErrorLine error={error} />
      {item && (
        <Section title={`저장된 항목: ${item.id}`} testId="stored-item">
          <div className="adm-row">
            <button className="adm-danger" data-testid="delete-item" onClick={() => void act('삭제됨', () => api.remove(item.kind, item.id))}>
              색인에서 삭제
            </button>
            {item.kind === 'products' && (
              <button onClick={() => void act('MongoDB에서 다시 색인함', () => api.reembed(item.id))}>MongoDB에서 다시 임베딩</button>
            )}
          </div>
          <h4>색인된 텍스트</h4>
          <pre className="adm-json">{item.document}</pre>
          <h4>메타데이터</h4>
          <Json value={item.metadata} />
        </Section>
      )}
      <FaqForm api={api} item={item?.kind === 'faq' ? item : null} onSaved={(id) => onSelect({ kind: 'faq', id })} />
      <CsvUpload api={api} />
    </div>
  );
}

function OpenById({ onOpen }: { onOpen(selection: Selection): void }) {
  const [kind, setKind] = useState<Kind>('products');
  const [id, setId] = useState('');
  return (
    <form className="adm-row" onSubmit={(e) => (e.preventDefault(), id.trim() && onOpen({ kind, id: id.trim() }))}>
      <select aria-label="종류" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        <option value="products">상품 (SKU)</option>
        <option value="faq">FAQ (id)</option>
      </select>
      <input aria-label="항목 ID" value={id} onChange={(e) => setId(e.target.value)} placeholder="BS-TS-0001 또는 faq-…" />
      <button type="submit">열기</button>
    </form>
  );
}

function FaqForm({ api, item, onSaved }: { api: AdminApi; item: StoredItem | null; onSaved(id: string): void }) {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [category, setCategory] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const meta = item?.metadata ?? {};
    setQuestion(String(meta.question ?? ''));
    setAnswer(String(meta.answer ?? ''));
    setCategory(String(meta.category ?? ''));
  }, [item]);
  async function save(event: React.FormEvent) {
    event.preventDefault();
    try {
      const result = await api.saveFaq({ question, answer, category }, item?.id);
      setError(null);
      onSaved(result.id);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Section title={item ? 'FAQ 수정' : 'FAQ 추가'}>
      <form className="adm-form" onSubmit={save}>
        <input aria-label="질문" placeholder="질문" value={question} onChange={(e) => setQuestion(e.target.value)} required maxLength={1000} />
        <textarea aria-label="답변" placeholder="답변" value={answer} onChange={(e) => setAnswer(e.target.value)} required maxLength={4000} rows={4} />
        <input aria-label="분류" placeholder="분류 (예: 배송)" value={category} onChange={(e) => setCategory(e.target.value)} maxLength={100} />
        <button type="submit">{item ? '수정 저장' : 'FAQ 추가'}</button>
      </form>
      <ErrorLine error={error} />
    </Section>
  );
}

function CsvUpload({ api }: { api: AdminApi }) {
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<CsvPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(dryRun: boolean) {
    if (!file) return;
    try {
      setPlan(await api.importCsv(file, dryRun));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Section title="FAQ CSV 올리기 (question,answer[,category])" testId="csv-upload">
      <div className="adm-row">
        <input type="file" accept=".csv,text/csv" aria-label="CSV 파일" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setPlan(null))} />
        <button disabled={!file} onClick={() => void run(true)}>
          미리보기 (저장 안 함)
        </button>
        <button disabled={!file || !plan?.dry_run || plan.adds + plan.updates === 0} onClick={() => void run(false)}>
          가져오기
        </button>
      </div>
      <ErrorLine error={error} />
      {plan && (
        <>
          <p data-testid="csv-summary">
            {plan.dry_run ? '미리보기' : '저장됨'}: 추가 {plan.adds} · 수정 {plan.updates} · 변경 없음 {plan.unchanged} · 거부 {plan.rejects}
          </p>
          <table className="adm-table">
            <thead>
              <tr>
                <th>행</th>
                <th>처리</th>
                <th>질문</th>
                <th>사유</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.map((row) => (
                <tr key={row.line} className={`adm-csv-${row.action}`}>
                  <td>{row.line}</td>
                  <td>{{ add: '추가', update: '수정', unchanged: '변경 없음', reject: '거부' }[row.action]}</td>
                  <td>{row.question}</td>
                  <td>{row.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}
