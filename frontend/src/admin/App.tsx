import { useState } from 'react';
import { AdminApi } from './api';
import { errorText } from './shared';
import { BrowseTab } from './tabs/Browse';
import { CollectionsTab } from './tabs/Collections';
import { EditTab } from './tabs/Edit';
import { FeedbackTab } from './tabs/Feedback';
import { HandoffsTab } from './tabs/Handoffs';
import { HealthTab } from './tabs/Health';
import { TryTab } from './tabs/TryIt';

const TABS = [
  ['collections', '컬렉션'],
  ['browse', '찾아보기·검색'],
  ['edit', '편집'],
  ['try', '테스트'],
  ['feedback', '피드백'],
  ['handoffs', '상담 요청'],
  ['health', '상태'],
] as const;
type Tab = (typeof TABS)[number][0];
export interface Selection { kind: 'products' | 'faq'; id: string }

export function AdminApp() {
  const [api, setApi] = useState<AdminApi | null>(null);
  return api ? <Console api={api} onLogout={() => setApi(null)} /> : <Login onLogin={setApi} />;
}

function Login({ onLogin }: { onLogin(api: AdminApi): void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const api = new AdminApi(key.trim());
    try {
      await api.auth();
      setKey('');
      onLogin(api);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <form className="adm-login" onSubmit={submit}>
      <h1>쇼핑 도우미 관리</h1>
      <label>
        관리자 키
        <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required />
      </label>
      <button type="submit">로그인</button>
      {error && <p className="adm-error" role="alert">{error}</p>}
      <p className="adm-hint">키는 이 페이지의 메모리에만 보관됩니다. 새로고침하면 다시 로그인해야 해요.</p>
    </form>
  );
}

function Console({ api, onLogout }: { api: AdminApi; onLogout(): void }) {
  const [tab, setTab] = useState<Tab>('collections');
  const [selection, setSelection] = useState<Selection | null>(null);
  const open = (next: Selection) => {
    setSelection(next);
    setTab('edit');
  };
  return (
    <div className="adm">
      <header className="adm-header">
        <strong>BLANKSPACE 쇼핑 도우미 관리</strong>
        <nav role="tablist">
          {TABS.map(([id, label]) => (
            <button key={id} role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </nav>
        <button className="adm-logout" onClick={onLogout}>
          로그아웃
        </button>
      </header>
      <main className="adm-main" role="tabpanel">
        {tab === 'collections' && <CollectionsTab api={api} />}
        {tab === 'browse' && <BrowseTab api={api} onOpen={open} />}
        {tab === 'edit' && <EditTab api={api} selection={selection} onSelect={setSelection} />}
        {tab === 'try' && <TryTab api={api} />}
        {tab === 'feedback' && <FeedbackTab api={api} />}
        {tab === 'handoffs' && <HandoffsTab api={api} />}
        {tab === 'health' && <HealthTab api={api} />}
      </main>
    </div>
  );
}
