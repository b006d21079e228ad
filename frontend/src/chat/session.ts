/** The conversation id, kept in localStorage so a reload continues the same session. */

const KEY = 'blankspace-chat.session-id';
const VALID = /^[A-Za-z0-9_-]{8,64}$/;

export class SessionStore {
  constructor(private readonly storage: Storage | null = safeLocalStorage()) {}

  /** The stored id, or a new one (stored) when there is none or it is malformed. */
  current(): string {
    const stored = this.read();
    return stored && VALID.test(stored) ? stored : this.renew();
  }

  /** Adopts the id the server answered with (it may have replaced ours). */
  adopt(id: string): void {
    if (VALID.test(id)) this.write(id);
  }

  renew(): string {
    const id = newSessionId();
    this.write(id);
    return id;
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(KEY) ?? null;
    } catch {
      return null;
    }
  }

  private write(id: string): void {
    try {
      this.storage?.setItem(KEY, id);
    } catch {
      // Storage full or blocked (private mode): the session simply will not survive a reload.
    }
  }
}

export function newSessionId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `w_${hex}`;
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
