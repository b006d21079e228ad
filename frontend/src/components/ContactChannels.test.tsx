import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactChannel } from '../shop/types';
import { ContactChannels, contactHref } from './ContactChannels';
import { ShopResults } from './ShopResults';
import { shopMetaOf } from '../shop/meta';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// What llm_server sends on a handoff turn (chat/turn.py contact_channels, default settings).
const CONTACTS: ContactChannel[] = [
  { kind: 'phone', label: '전화', value: '1588-0000' },
  { kind: 'kakao', label: '카카오톡', value: '카카오톡 채널 @blankspace' },
  { kind: 'email', label: '이메일', value: 'help@blankspace.example' },
  { kind: 'hours', label: '상담 시간', value: '평일 10:00-17:00 (점심 12:30-13:30, 주말·공휴일 휴무)' },
];

let container: HTMLElement;
let root: Root;
const $$ = (selector: string) => Array.from(container.querySelectorAll<HTMLElement>(selector));

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('ContactChannels', () => {
  it('lists every channel with its Korean label; phone and email are tappable', async () => {
    await act(async () => root.render(<ContactChannels contacts={CONTACTS} />));
    const rows = $$('[data-testid=contact]');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['phone', 'kakao', 'email', 'hours']);
    expect(rows.map((r) => r.querySelector('.bsw-contacts__label')!.textContent)).toEqual(['전화', '카카오톡', '이메일', '상담 시간']);
    expect(rows.map((r) => r.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
      'tel:15880000',
      null,
      'mailto:help@blankspace.example',
      null,
    ]);
    expect(rows[3].textContent).toContain('평일 10:00-17:00');
  });

  it('never turns a value into a script or other link', () => {
    expect(contactHref({ kind: 'email', label: '이메일', value: 'javascript:alert(1)//@x.y' })).toBeUndefined();
    expect(contactHref({ kind: 'email', label: '이메일', value: '문의 게시판' })).toBeUndefined();
    expect(contactHref({ kind: 'phone', label: '전화', value: 'javascript:alert(1)' })).toBeUndefined();
    expect(contactHref({ kind: 'phone', label: '전화', value: '+82 2-123-4567' })).toBe('tel:+8221234567');
    expect(contactHref({ kind: 'hours', label: '상담 시간', value: '010-0000-0000' })).toBeUndefined();
  });

  it('shows for a handoff turn that carries only contacts (no shop backend connected)', async () => {
    const shop = shopMetaOf({ session_id: 'w_contacts_01', intent: 'handoff', products: [], faq: [], contacts: CONTACTS });
    expect(shop).toEqual({ contacts: CONTACTS });
    await act(async () => root.render(<ShopResults shop={shop!} />));
    expect($$('[data-testid=contact-channels]')).toHaveLength(1);
    expect($$('[data-testid=handoff-notice]')).toHaveLength(0);
    expect(container.querySelector('a[href="tel:15880000"]')!.textContent).toBe('1588-0000');
  });

  it('drops malformed entries and ignores an empty list', () => {
    expect(shopMetaOf({ contacts: [] })).toBeUndefined();
    expect(shopMetaOf({ contacts: [{ kind: 'phone', label: '전화' }, 'x', null] })).toBeUndefined();
    expect(shopMetaOf({ contacts: [CONTACTS[0], { kind: 'email' }] })).toEqual({ contacts: [CONTACTS[0]] });
  });
});
