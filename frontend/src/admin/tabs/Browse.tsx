import { useState } from 'react';
import type { AdminApi, Explanation, Kind } from '../api';
import type { Selection } from '../App';
import { ErrorLine, errorText, score, useLoad } from '../shared';

const PAGE = 20;

export function BrowseTab({ api, onOpen }: { api: AdminApi; onOpen(selection: Selection): void }) {
  const [kind, setKind] = useState<Kind>('products');
  return (
    <div>
      <div className="adm-row">
        <label>
          컬렉션{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label="컬렉션 선택">
            <option value="products">상품</option>
            <option value="faq">FAQ</option>
          </select>
        </label>
      </div>
      <SearchPanel api={api} kind={kind} onOpen={onOpen} />
      <ItemList key={kind} api={api} kind={kind} onOpen={onOpen} />
    </div>
  );
}

function SearchPanel({ api, kind, onOpen }: { api: AdminApi; kind: Kind; onOpen(s: Selection): void }) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<Explanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run(event: React.FormEvent) {
    event.preventDefault();
    try {
      setResult(await api.search(query, kind));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <section className="adm-section">
      <h3>검색 (챗봇과 같은 검색기, 순위 설명)</h3>
      <form className="adm-row" onSubmit={run}>
        <input aria-label="검색어" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="예: 3만원 이하 린넨 셔츠" required />
        <button type="submit">검색</button>
      </form>
      <ErrorLine error={error} />
      {result && <ExplanationTable explanation={result} onOpen={onOpen} />}
    </section>
  );
}

export function ExplanationTable({ explanation, onOpen }: { explanation: Explanation; onOpen?(s: Selection): void }) {
  const filters = Object.keys(explanation.filters).length ? JSON.stringify(explanation.filters) : '없음';
  return (
    <div data-testid="explanation">
      <p className="adm-hint">
        검색 방식 <code>{explanation.retrieval_mode}</code> · 질문에서 읽은 조건 <code data-testid="parsed-filters">{filters}</code> · RRF k=
        {explanation.rrf_k}, 벡터 가중치 {explanation.dense_weight}
        {explanation.notes.length > 0 && ` · ${explanation.notes.join(' ')}`}
      </p>
      <table className="adm-table">
        <thead>
          <tr>
            <th>#</th>
            <th>항목</th>
            <th>벡터 순위</th>
            <th>BM25 순위</th>
            <th>융합 점수</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {explanation.results.map((r, i) => (
            <tr key={r.id} data-testid="explained-result" data-id={r.id}>
              <td>{i + 1}</td>
              <td>
                {r.title} <small>({r.id})</small>
              </td>
              <td data-testid="dense-rank">
                {r.dense_rank ?? '–'} <small>{score(r.dense_score)}</small>
              </td>
              <td data-testid="bm25-rank">
                {r.bm25_rank ?? '–'} <small>{score(r.bm25_score)}</small>
              </td>
              <td data-testid="fused-score">{score(r.fused_score)}</td>
              <td>{onOpen && <button onClick={() => onOpen({ kind: explanation.kind, id: r.id })}>열기</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {explanation.results.length === 0 && <p>결과가 없습니다.</p>}
    </div>
  );
}

function ItemList({ api, kind, onOpen }: { api: AdminApi; kind: Kind; onOpen(s: Selection): void }) {
  const [offset, setOffset] = useState(0);
  const { value, error } = useLoad(() => api.items(kind, offset, PAGE), [api, kind, offset]);
  return (
    <section className="adm-section">
      <h3>전체 목록</h3>
      <ErrorLine error={error} />
      {value && (
        <>
          <ul className="adm-list" data-testid="item-list">
            {value.items.map((item) => (
              <li key={item.id}>
                <button className="adm-link" onClick={() => onOpen({ kind, id: item.id })}>
                  {item.title}
                </button>{' '}
                <small>
                  {item.id} · {item.detail} {item.source === 'annotation' && '· 운영자 수정 답변'}
                </small>
              </li>
            ))}
          </ul>
          <div className="adm-row">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              이전
            </button>
            <span>
              {value.total ? `${offset + 1}–${offset + value.items.length} / ${value.total}` : '0개'}
            </span>
            <button disabled={offset + PAGE >= value.total} onClick={() => setOffset(offset + PAGE)}>
              다음
            </button>
          </div>
        </>
      )}
    </section>
  );
}
