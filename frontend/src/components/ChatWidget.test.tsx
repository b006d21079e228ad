import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeFetch, jsonResponse, sse, sseResponse } from '../test/fakes';
import { mountChatWidget } from '../widget/mount';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let unmount: () => void;
let fake: FakeFetch;

const META = {
  session_id: 'abcdefgh-srv',
  products: [
    { sku: 'T1', name: '오버핏 티셔츠', price: 29000, sizes: ['S', 'M'], stock: { S: 0, M: 2 }, image: [], url: 'https://shop/t1' },
  ],
  faq: [{ id: 'f1', question: '배송 기간은?', answer: '2~3일' }],
  suggestions: ['다른 색도 있나요?'],
};

const root = () => host.shadowRoot!;
const $ = <T extends Element = HTMLElement>(selector: string) => root().querySelector<T>(selector);

async function mount() {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => {
    unmount = mountChatWidget(host, { apiBase: '/api/llm' });
  });
}

async function openPanel() {
  await act(async () => $('[data-testid=launcher]')!.click());
}

function key(target: Element, init: KeyboardEventInit) {
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
}

async function type(text: string) {
  const input = $<HTMLTextAreaElement>('textarea')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return input;
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i += 1) await act(() => new Promise((r) => setTimeout(r, 5)));
  expect(check()).toBe(true);
};

beforeEach(async () => {
  localStorage.clear();
  fake = new FakeFetch().reply(() => jsonResponse({ session_id: 'x', messages: [] }));
  vi.stubGlobal('fetch', fake.fetch);
  await mount();
});

afterEach(() => {
  act(() => unmount());
  host.remove();
  vi.unstubAllGlobals();
});

describe('ChatWidget in a shadow root', () => {
  it('renders inside the shadow root with its own styles', () => {
    expect(document.querySelector('[data-testid=launcher]')).toBeNull();
    expect($('[data-testid=launcher]')?.getAttribute('aria-label')).toBe('쇼핑 도우미 열기');
    expect($('style')?.textContent).toContain('.bsw-launcher');
  });

  it('Enter sends, Shift+Enter does not, Esc closes and returns focus to the launcher', async () => {
    fake.reply(() => sseResponse(sse([['meta', META], ['token', { text: '추천드려요' }], ['done', {}]])));
    await openPanel();
    const input = await type('티셔츠 추천');
    expect(root().activeElement).toBe(input);

    await act(async () => key(input, { key: 'Enter', shiftKey: true }));
    await act(async () => key(input, { key: 'Enter', isComposing: true })); // Korean IME finishing a syllable
    expect(fake.calls).toHaveLength(1); // only the history request

    await act(async () => key(input, { key: 'Enter' }));
    await waitFor(() => $('[data-testid=product-card]') !== null);
    expect(JSON.parse(String(fake.calls[1].init.body)).message).toBe('티셔츠 추천');
    expect(input.value).toBe('');

    const card = $('[data-testid=product-card]')!;
    expect(card.getAttribute('href')).toBe('https://shop/t1');
    expect(card.textContent).toContain('₩29,000');
    expect(card.textContent).toContain('재고 사이즈: M');
    expect(card.querySelector('[aria-label="이미지 없음"]')).not.toBeNull();
    await waitFor(() => $('[data-testid=suggestion]') !== null);
    expect($('[data-testid=faq-chip]')!.textContent).toContain('배송 기간은?');

    await act(async () => key(input, { key: 'Escape' }));
    expect($('[role=dialog]')).toBeNull();
    expect(root().activeElement).toBe($('[data-testid=launcher]'));
  });

  it('a suggestion chip sends its question', async () => {
    fake
      .reply(() => sseResponse(sse([['meta', META], ['token', { text: '네' }], ['done', {}]])))
      .reply(() => sseResponse(sse([['meta', { ...META, suggestions: [] }], ['token', { text: '있어요' }], ['done', {}]])));
    await openPanel();
    await act(async () => $<HTMLButtonElement>('[data-testid=suggestion]')!.click()); // a starter question
    await waitFor(() => $('[data-testid=suggestion]')?.textContent === '다른 색도 있나요?');
    await act(async () => $<HTMLButtonElement>('[data-testid=suggestion]')!.click());
    await waitFor(() => fake.calls.length === 3);
    expect(JSON.parse(String(fake.calls[2].init.body)).message).toBe('다른 색도 있나요?');
  });

  it('explains in Korean when the microphone permission is denied', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    vi.stubGlobal('MediaRecorder', class {});
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: () => Promise.reject(denied) },
    });
    await openPanel();
    await act(async () => $<HTMLButtonElement>('[data-testid=mic]')!.click());
    await waitFor(() => $('[data-testid=error]') !== null);
    expect($('[data-testid=error]')!.textContent).toContain('마이크 권한이 거부되었어요');
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined });
  });

  it('explains in Korean when there is no microphone', async () => {
    const missing = Object.assign(new Error('none'), { name: 'NotFoundError' });
    vi.stubGlobal('MediaRecorder', class {});
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: () => Promise.reject(missing) },
    });
    await openPanel();
    await act(async () => $<HTMLButtonElement>('[data-testid=mic]')!.click());
    await waitFor(() => $('[data-testid=error]') !== null);
    expect($('[data-testid=error]')!.textContent).toContain('마이크를 찾을 수 없어요');
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined });
  });
});
