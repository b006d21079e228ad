// End-to-end scenario 4: the Stop button ends the stream and the server stops generating.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hasChromium, launchBrowser, screenshot } from './lib/browser.js';
import { startStack, streamStats } from './lib/stack.js';
import { ask, assistantMessages, openShop, openWidget, waitForAnswer } from './lib/widget.js';

const skip = hasChromium() ? false : 'no /usr/bin/chromium';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('stop button (real llm_server generating 400 tokens)', { skip, timeout: 600000 }, () => {
  let stack;
  let browser;

  before(async () => {
    stack = await startStack({ name: 'stop', llmEnv: { ANSWER_MODE: 'generate', LLM_MAX_TOKENS: '400' } });
    browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
  }, { timeout: 240000 });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('4. stop mid-stream: the answer stops growing and streams.cancelled increases', { timeout: 180000 }, async () => {
    const { page } = browser;
    const before = await streamStats(stack);
    await openShop(page, stack.url);
    await openWidget(page);
    await assertFitsWidth(page, 360);
    await ask(page, '여름에 입기 좋은 셔츠를 자세히 설명해줘');

    const bubble = assistantMessages(page).last().locator('.bsw-bubble');
    await assistantMessages(page).last().and(page.locator('[data-status=streaming]')).waitFor({ timeout: 120000 });
    await page.waitForFunction(
      () => {
        const shadow = document.getElementById('blankspace-chat-widget').shadowRoot;
        const bubbles = shadow.querySelectorAll('[data-testid=msg-assistant] .bsw-bubble');
        return (bubbles[bubbles.length - 1]?.textContent.length ?? 0) >= 20;
      },
      null,
      { timeout: 120000, polling: 50 },
    );
    await screenshot(page, '4-streaming');
    await page.getByRole('button', { name: '답변 중지' }).click();

    assert.equal(await waitForAnswer(page, 10000), 'stopped');
    const stoppedText = await bubble.textContent();
    await sleep(2000);
    assert.equal(await bubble.textContent(), stoppedText, 'answer kept growing after stop');
    await screenshot(page, '4-stopped');

    let stats = await streamStats(stack);
    for (let i = 0; i < 50 && stats.cancelled <= before.cancelled; i += 1) {
      await sleep(200);
      stats = await streamStats(stack);
    }
    assert.ok(stats.cancelled > before.cancelled, `streams.cancelled did not grow: before ${JSON.stringify(before)}, after ${JSON.stringify(stats)}`);
    assert.equal(stats.active, 0, `a stream is still active: ${JSON.stringify(stats)}`);
  });

  it('5. llm_server down: a Korean error with a working retry button', { timeout: 60000 }, async () => {
    const { page } = browser;
    await stack.stopLlmServer();
    await ask(page, '배송은 얼마나 걸려요?');
    const banner = page.getByRole('alert');
    await banner.waitFor({ timeout: 30000 });
    assert.match(await banner.textContent(), /[가-힣]/);
    assert.doesNotMatch(await banner.textContent(), /fetch|error|undefined/i);
    await screenshot(page, '5-upstream-down');
    const [retried] = await Promise.all([
      page.waitForRequest((request) => request.url().endsWith('/chat/stream'), { timeout: 10000 }),
      banner.getByRole('button', { name: '다시 시도' }).click(),
    ]);
    assert.equal(JSON.parse(retried.postData()).message, '배송은 얼마나 걸려요?');
    await waitForAnswer(page, 30000);
    await banner.waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('msg-user').count(), 2, 'retry must not duplicate the question');
  });
});

async function assertFitsWidth(page, width) {
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, 'page scrolls sideways');
  const box = await page.getByRole('dialog').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= width, `panel outside the viewport: ${JSON.stringify(box)}`);
  const input = await page.getByLabel('메시지 입력').boundingBox();
  assert.ok(input.x + input.width <= width, 'input cut off');
}
