import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Feedback } from './Feedback';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let root: Root;
let calls: { url: string; body: unknown }[];
let status: number;

const fakeFetch = (async (url: string, init: RequestInit) => {
  calls.push({ url, body: JSON.parse(String(init.body)) });
  return new Response('{}', { status });
}) as unknown as typeof fetch;

const $ = (testId: string) => host.querySelector<HTMLElement>(`[data-testid=${testId}]`);

async function render() {
  await act(async () => root.render(<Feedback turnId="t-abc" apiBase="/api/llm/" fetchFn={fakeFetch} />));
}

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  calls = [];
  status = 201;
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('Feedback', () => {
  it('draws its buttons as SVG icons with Korean names, not emoji that need an emoji font', async () => {
    await render();
    for (const [id, name] of [['feedback-up', '도움이 됐어요'], ['feedback-down', '아쉬워요']]) {
      expect($(id)!.querySelector('svg')).not.toBeNull();
      expect($(id)!.textContent).toBe('');
      expect($(id)!.getAttribute('aria-label')).toBe(name);
    }
  });

  it('👍 posts the turn id at once and thanks the shopper', async () => {
    await render();
    await act(async () => $('feedback-up')!.click());
    expect(calls).toEqual([{ url: '/api/llm/feedback', body: { turn_id: 't-abc', rating: 'up', comment: null } }]);
    expect($('feedback')!.dataset.rating).toBe('up');
    expect(host.textContent).toContain('감사해요');
  });

  it('👎 asks for an optional comment, sent in NFC', async () => {
    await render();
    await act(async () => $('feedback-down')!.click());
    expect(calls).toEqual([]);
    const input = host.querySelector<HTMLInputElement>('input')!;
    const decomposed = '배송'.normalize('NFD');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, ` ${decomposed} `);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => $('feedback-send')!.click());
    expect(calls[0].body).toEqual({ turn_id: 't-abc', rating: 'down', comment: '배송' });
    expect($('feedback')!.dataset.rating).toBe('down');
  });

  it('a refused rating can be sent again', async () => {
    status = 404;
    await render();
    await act(async () => $('feedback-up')!.click());
    expect(host.textContent).toContain('보내지 못했어요');
    status = 201;
    await act(async () => $('feedback-up')!.click());
    expect(calls).toHaveLength(2);
    expect(host.textContent).toContain('감사해요');
  });
});
