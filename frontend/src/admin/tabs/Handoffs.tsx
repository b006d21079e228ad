import type { AdminApi } from '../api';
import { ErrorLine, useLoad } from '../shared';
import { Messages } from './TryIt';

export function HandoffsTab({ api }: { api: AdminApi }) {
  const { value, error, reload } = useLoad(() => api.handoffs(), [api]);
  return (
    <div>
      <div className="adm-row">
        <strong>상담원 연결 요청 (최신순)</strong>
        <button onClick={() => void reload()}>새로고침</button>
      </div>
      <ErrorLine error={error} />
      {value?.handoffs.length === 0 && <p>대기 중인 요청이 없습니다.</p>}
      {value?.handoffs.map((h) => (
        <details key={h.id} className="adm-section" data-testid="handoff">
          <summary>
            {new Date(h.createdAt).toLocaleString('ko-KR')} · {h.status} · 연락처 {h.contact ?? '없음'} · 메시지 {h.transcript.length}개
          </summary>
          <Messages messages={h.transcript} empty="대화 기록 없음" />
        </details>
      ))}
    </div>
  );
}
