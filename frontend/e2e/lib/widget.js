// Page helpers for the chat widget (Playwright CSS locators pierce its open Shadow DOM).
import assert from 'node:assert/strict';

export const root = (page) => page.locator('[data-testid=bsw-root]');
export const assistantMessages = (page) => page.locator('[data-testid=msg-assistant]');
export const userMessages = (page) => page.locator('[data-testid=msg-user]');

export async function openShop(page, url) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.shop-item').first().waitFor({ timeout: 30000 });
  await page.locator('[data-testid=launcher]').waitFor();
}

export async function openWidget(page) {
  await page.locator('[data-testid=launcher]').click();
  await page.locator('[role=dialog]').waitFor();
}

/** Records, in the page, every distinct length the last assistant bubble goes through. */
export async function recordAnswerGrowth(page) {
  await page.evaluate(() => {
    const shadow = document.getElementById('blankspace-chat-widget').shadowRoot;
    const seen = [];
    const started = performance.now();
    window.__bswGrowth = seen;
    window.__bswFirstTokenMs = null;
    const observer = new MutationObserver(() => {
      const bubbles = shadow.querySelectorAll('[data-testid=msg-assistant] .bsw-bubble');
      const last = bubbles[bubbles.length - 1];
      const status = last?.parentElement.dataset.status;
      const length = last?.textContent.length ?? 0;
      if (status === 'streaming' && length > 0 && seen[seen.length - 1] !== length) {
        window.__bswFirstTokenMs ??= Math.round(performance.now() - started);
        seen.push(length);
      }
    });
    observer.observe(shadow, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export const answerGrowth = (page) => page.evaluate(() => window.__bswGrowth ?? []);
export const firstTokenMs = (page) => page.evaluate(() => window.__bswFirstTokenMs);

export async function ask(page, text) {
  const input = page.getByLabel('메시지 입력');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until the widget is idle again; returns the last assistant message's status. */
export async function waitForAnswer(page, timeout = 120000) {
  await page.waitForFunction(
    () => {
      const el = document.getElementById('blankspace-chat-widget')?.shadowRoot?.querySelector('[data-testid=bsw-root]');
      return el?.dataset.busy === 'false';
    },
    null,
    { timeout, polling: 100 },
  );
  const last = assistantMessages(page).last();
  return last.getAttribute('data-status');
}

export async function assertNoErrorBanner(page) {
  const banner = page.locator('[data-testid=error]');
  if (await banner.count()) assert.fail(`widget shows an error: ${await banner.textContent()}`);
}
