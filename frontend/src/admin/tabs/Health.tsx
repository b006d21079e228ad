import type { AdminApi } from '../api';
import { ErrorLine, Json, useLoad } from '../shared';

export function HealthTab({ api }: { api: AdminApi }) {
  const { value, error, reload } = useLoad(() => api.health(), [api]);
  return (
    <div data-testid="health">
      <button onClick={() => void reload()}>새로고침</button>
      <ErrorLine error={error} />
      {value && (
        <>
          <table className="adm-table">
            <thead>
              <tr>
                <th>구성 요소</th>
                <th>상태</th>
                <th>내용</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(value.checks).map(([name, check]) => (
                <tr key={name} data-testid={`check-${name}`}>
                  <td>{name}</td>
                  <td>{check.ok ? '정상' : '문제'}</td>
                  <td>{String(check.detail ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>사용 중인 엔진</h3>
          <Json value={value.engines} />
        </>
      )}
    </div>
  );
}
