import type { AdminApi } from '../api';
import { ErrorLine, Json, useLoad } from '../shared';

export function CollectionsTab({ api }: { api: AdminApi }) {
  const { value, error, reload } = useLoad(() => api.overview(), [api]);
  return (
    <div data-testid="collections">
      <ErrorLine error={error} />
      <button onClick={() => void reload()}>새로고침</button>
      {value && (
        <>
          <p>
            임베딩 모델 <code>{value.embedder}</code> · 검색 방식 <code>{value.retrieval_mode}</code>
          </p>
          <table className="adm-table">
            <thead>
              <tr>
                <th>컬렉션</th>
                <th>항목 수</th>
                <th>임베딩 모델</th>
                <th>동기화 기준 시각</th>
                <th>색인 버전</th>
                <th>마지막 파이프라인 실행</th>
              </tr>
            </thead>
            <tbody>
              {value.collections.map((c) => (
                <tr key={c.kind} data-testid={`collection-${c.kind}`}>
                  <td>{c.kind === 'products' ? '상품' : 'FAQ'} ({c.name})</td>
                  <td data-testid="count">{c.count}</td>
                  <td>{c.embedding_model ?? '–'}</td>
                  <td>{c.sync_watermark ?? '–'}</td>
                  <td>
                    <code>{c.index_version.slice(0, 8) || '–'}</code>
                  </td>
                  <td>{c.last_run ? <Json value={c.last_run} /> : '기록 없음'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
