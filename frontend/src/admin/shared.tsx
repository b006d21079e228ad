import { useCallback, useEffect, useState } from 'react';
import { AdminError } from './api';

export function errorText(error: unknown): string {
  return error instanceof AdminError ? error.message : String(error);
}

/** Runs `load` now and on `reload()`; keeps the last value while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setValue(await load());
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, loading, reload };
}

export function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p className="adm-error" role="alert">
      {error}
    </p>
  ) : null;
}

export function Json({ value }: { value: unknown }) {
  return <pre className="adm-json">{JSON.stringify(value, null, 2)}</pre>;
}

export function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="adm-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export const time = (epochS: number) => new Date(epochS * 1000).toLocaleString('ko-KR');
export const score = (value?: number | null) => (value === null || value === undefined ? '–' : value.toFixed(3));
