/**
 * The console's HTTP client. The admin key lives only in this object (memory): never in
 * storage or a cookie; reloading the page logs out.
 */

export class AdminError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export type Kind = 'products' | 'faq';

export interface ItemSummary { id: string; title: string; detail: string; source?: string | null }
export interface ItemPage { kind: Kind; total: number; offset: number; items: ItemSummary[] }
export interface StoredItem { kind: Kind; id: string; document: string; metadata: Record<string, unknown> }
export interface CollectionInfo {
  kind: Kind; name: string; count: number; embedding_model?: string | null; index_version: string;
  sync_watermark?: string | null; last_run?: Record<string, unknown> | null;
}
export interface Overview { embedder: string; retrieval_mode: string; collections: CollectionInfo[] }
export interface ExplainedResult {
  id: string; title: string; dense_rank?: number | null; dense_score?: number | null;
  bm25_rank?: number | null; bm25_score?: number | null; fused_score: number;
}
export interface Explanation {
  query: string; kind: Kind; retrieval_mode: string; dense_weight: number; rrf_k: number;
  filters: Record<string, unknown>; notes: string[]; results: ExplainedResult[];
}
export interface ChangeResult { kind: Kind; id: string; action: string; index_version: string }
export interface CsvRow { line: number; question: string; id?: string | null; action: 'add' | 'update' | 'unchanged' | 'reject'; reason?: string | null }
export interface CsvPlan { dry_run: boolean; adds: number; updates: number; unchanged: number; rejects: number; rows: CsvRow[] }
export interface Message { role: string; content: string }
export interface TryResult {
  session_id: string; question: string; answer: string; turn_id?: string | null;
  meta: Record<string, unknown>; history: Message[]; prompt?: Message[] | null; timings: Record<string, unknown>;
}
export interface Turn {
  turn_id: string; session_id: string; question: string; answer: string; answer_mode: string; intent: string;
  products: { sku: string; name: string; score?: number | null }[]; faq: { id: string; question: string; score?: number | null }[];
  filters: Record<string, unknown>; annotated: boolean; created_at: number; rating?: 'up' | 'down' | null;
  comment?: string | null; rated_at?: number | null; fixed_faq_id?: string | null;
}
export interface FeedbackPage { total: number; items: { turn: Turn; explanation?: Explanation | null }[] }
export interface Handoff {
  id: string; sessionId: string; status: string; contact: string | null; createdAt: string; transcript: Message[];
}
export interface Health { checks: Record<string, Record<string, unknown>>; engines: Record<string, unknown> }

export class AdminApi {
  constructor(
    private readonly key: string,
    private readonly llmBase = '/api/llm/admin',
    private readonly shopBase = '/api/admin',
  ) {}

  auth = () => this.json<{ ok: boolean }>(`${this.llmBase}/auth`);
  overview = () => this.json<Overview>(`${this.llmBase}/collections`);
  items = (kind: Kind, offset: number, limit = 20) => this.json<ItemPage>(`${this.llmBase}/collections/${kind}/items?offset=${offset}&limit=${limit}`);
  item = (kind: Kind, id: string) => this.json<StoredItem>(`${this.llmBase}/collections/${kind}/items/${encodeURIComponent(id)}`);
  remove = (kind: Kind, id: string) => this.json<ChangeResult>(`${this.llmBase}/collections/${kind}/items/${encodeURIComponent(id)}`, { method: 'DELETE' });
  reembed = (sku: string) => this.json<ChangeResult>(`${this.llmBase}/products/${encodeURIComponent(sku)}/reembed`, { method: 'POST' });
  search = (q: string, kind: Kind) => this.json<Explanation>(`${this.llmBase}/search?${new URLSearchParams({ q, kind, limit: '10' })}`);
  tryTurn = (message: string, sessionId: string | null) => this.post<TryResult>(`${this.llmBase}/try`, { message, session_id: sessionId });
  feedback = () => this.json<FeedbackPage>(`${this.llmBase}/feedback?rating=down&limit=50`);
  fix = (turnId: string, answer: string) => this.post<{ faq_id: string }>(`${this.llmBase}/feedback/${encodeURIComponent(turnId)}/fix`, { answer });
  health = () => this.json<Health>(`${this.llmBase}/health`);
  handoffs = () => this.json<{ handoffs: Handoff[] }>(`${this.shopBase}/handoffs`);

  saveFaq(entry: { question: string; answer: string; category: string }, replaces?: string) {
    const path = replaces ? `${this.llmBase}/faq/${encodeURIComponent(replaces)}` : `${this.llmBase}/faq`;
    return this.post<ChangeResult>(path, entry, replaces ? 'PUT' : 'POST');
  }

  importCsv(file: File, dryRun: boolean) {
    const form = new FormData();
    form.append('file', file);
    return this.json<CsvPlan>(`${this.llmBase}/faq/import?dry_run=${dryRun}`, { method: 'POST', body: form });
  }

  private post<T>(path: string, body: unknown, method = 'POST') {
    return this.json<T>(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${this.key}` };
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
    } catch {
      throw new AdminError('서버에 연결할 수 없습니다.', 0, 'network');
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body?.error ?? {};
      throw new AdminError(error.message ?? `요청이 실패했습니다 (${response.status}).`, response.status, error.code ?? 'http_error');
    }
    return body as T;
  }
}
