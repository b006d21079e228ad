/**
 * Script-tag entry: `<script src="/widget.js" data-api="/api/llm"></script>` adds the floating
 * button and chat panel to any page. Built as a single IIFE (vite.widget.config.ts).
 */
import { mountChatWidget } from './mount';

const HOST_ID = 'blankspace-chat-widget';

function scriptElement(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-api]');
}

function boot(script: HTMLScriptElement | null): void {
  if (document.getElementById(HOST_ID)) return; // included twice: keep one widget
  const host = document.createElement('div');
  host.id = HOST_ID;
  document.body.appendChild(host);
  mountChatWidget(host, {
    apiBase: script?.dataset.api || '/api/llm',
    title: script?.dataset.title || undefined,
    defaultOpen: script?.dataset.open === 'true',
  });
}

// document.currentScript is only set while the script first runs, so read it now.
const script = scriptElement();
if (document.body) boot(script);
else document.addEventListener('DOMContentLoaded', () => boot(script), { once: true });

(window as unknown as { BlankSpaceChat?: object }).BlankSpaceChat = { mount: mountChatWidget };
