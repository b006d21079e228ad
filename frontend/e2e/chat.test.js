// End-to-end: the built widget on the demo shop, against the real llm_server + Express backend.
// Scenarios 1 (streamed answer with product cards), 2 (reload keeps the conversation), 3 (voice).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasChromium, launchBrowser, screenshot } from './lib/browser.js';
import { startStack } from './lib/stack.js';
import { answerGrowth, ask, firstTokenMs, assertNoErrorBanner, assistantMessages, openShop, openWidget, recordAnswerGrowth, root, userMessages, waitForAnswer } from './lib/widget.js';

const QUESTION = '3만원 이하 티셔츠 추천해줘';
const skip = hasChromium() ? false : 'no /usr/bin/chromium';

describe('chat widget on the demo shop (real stack)', { skip, timeout: 600000 }, () => {
  let stack;
  let browser;
  let firstAnswer = '';

  before(async () => {
    stack = await startStack({ name: 'chat', llmEnv: { STT_LANGUAGE: 'auto' } });
    browser = await launchBrowser();
  }, { timeout: 240000 });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('1. streams an answer with a product card of at most ₩30,000', { timeout: 180000 }, async (t) => {
    const { page } = browser;
    await openShop(page, stack.url);
    await screenshot(page, '1-shop');
    // The shop styles every <button> hotpink; the Shadow DOM must keep that out of the widget.
    const launcherBg = await page.getByTestId('launcher').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(launcherBg, 'rgb(17, 17, 17)');
    await openWidget(page);
    await recordAnswerGrowth(page);
    const sent = Date.now();
    await ask(page, QUESTION);
    await userMessages(page).filter({ hasText: QUESTION }).waitFor();
    assert.equal(await waitForAnswer(page), 'done');
    const totalMs = Date.now() - sent;
    await assertNoErrorBanner(page);

    const growth = await answerGrowth(page);
    assert.ok(growth.length >= 2, `answer should grow token by token, saw lengths ${JSON.stringify(growth)}`);
    t.diagnostic(`first token rendered after ${await firstTokenMs(page)} ms, answer done after ~${totalMs} ms, ${growth.length} renders`);
    const answer = assistantMessages(page).last();
    firstAnswer = (await answer.locator('.bsw-bubble').textContent()).trim();
    assert.ok(firstAnswer.length > 0, 'answer text is empty');

    const prices = await answer.locator('[data-testid=product-card] .bsw-card__price').evaluateAll((els) =>
      els.map((el) => ({ value: Number(el.dataset.price), text: el.textContent })),
    );
    assert.ok(prices.length > 0, 'no product cards');
    prices.forEach(({ text }) => assert.match(text, /^₩\d{1,3}(,\d{3})*$/));
    assert.ok(prices.some(({ value }) => value <= 30000), `no card at <= 30,000: ${JSON.stringify(prices)}`);
    await screenshot(page, '1-answer');
  });

  it('2. after a reload the conversation is still there', { timeout: 60000 }, async () => {
    const { page } = browser;
    assert.ok(firstAnswer, 'scenario 1 must run first');
    const sessionBefore = await root(page).getAttribute('data-session-id');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await openWidget(page);
    await userMessages(page).filter({ hasText: QUESTION }).waitFor({ timeout: 15000 });
    const restored = (await assistantMessages(page).last().locator('.bsw-bubble').textContent()).trim();
    // The history keeps the answer's text, not its cards: the product lines the bubble left
    // to the cards before the reload are back in the text after it.
    assert.ok(restored.startsWith(firstAnswer), `restored answer ${JSON.stringify(restored)} lost ${JSON.stringify(firstAnswer)}`);
    assert.equal(await root(page).getAttribute('data-session-id'), sessionBefore);
    await screenshot(page, '2-reloaded');
  });

  it('2b. 새 대화 deletes the session on the server and starts a new id', { timeout: 60000 }, async () => {
    const { page } = browser;
    const oldId = await root(page).getAttribute('data-session-id');
    await page.getByRole('button', { name: '새 대화' }).click();
    await page.waitForFunction((id) => {
      const el = document.getElementById('blankspace-chat-widget').shadowRoot.querySelector('[data-testid=bsw-root]');
      return el.dataset.sessionId !== id;
    }, oldId);
    assert.equal(await userMessages(page).count(), 0);
    let stored = [];
    for (let i = 0; i < 20; i += 1) {
      stored = (await (await fetch(`${stack.llmUrl}/sessions/${oldId}`)).json()).messages;
      if (stored.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(stored, [], 'old session still has messages on the server');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await openWidget(page);
    assert.notEqual(await root(page).getAttribute('data-session-id'), oldId);
    assert.equal(await userMessages(page).count(), 0);
  });

  it('3. voice: transcript, streamed answer and spoken audio', { timeout: 240000 }, async (t) => {
    const wav = path.join(stack.tmp, 'question.wav');
    execFileSync('espeak-ng', ['-v', 'en', '-s', '140', '-w', wav, 'What is the return policy?']);
    const voice = await launchBrowser({
      extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`],
    });
    try {
      const { page } = voice;
      await openShop(page, stack.url);
      await openWidget(page);
      const mic = page.getByTestId('mic');
      await mic.click();
      await assertRecording(page);
      await page.waitForTimeout(3500);
      await screenshot(page, '3-recording');
      await mic.click();
      const sent = Date.now();
      const audioStarted = page
        .waitForFunction(
          () => {
            const el = document.getElementById('blankspace-chat-widget').shadowRoot.querySelector('[data-testid=bsw-root]');
            return el.dataset.audioState === 'playing' || Number(el.dataset.audioPlayed) > 0 || Number(el.dataset.audioFailed) > 0;
          },
          null,
          { timeout: 180000, polling: 50 },
        )
        .then(() => Date.now() - sent, (error) => error); // awaited below; never an unhandled rejection

      const transcript = userMessages(page).last();
      await transcript.filter({ hasText: /return/i }).waitFor({ timeout: 120000 });
      const transcriptMs = Date.now() - sent;
      const audioMs = await audioStarted;
      if (audioMs instanceof Error) throw audioMs;
      let audio = await root(page).evaluate((el) => ({ ...el.dataset }));
      assert.equal(audio.audioFailed, '0', `audio clip failed to play: ${JSON.stringify(audio)}`);
      await screenshot(page, '3-voice-playing');

      // Mute: the clip playing now stops and no later sentence is played.
      await page.getByRole('button', { name: '음성 답변 끄기' }).click();
      await page.getByRole('button', { name: '음성 답변 켜기' }).waitFor();
      audio = await root(page).evaluate((el) => ({ ...el.dataset }));
      assert.equal(audio.audioState, 'idle', 'mute did not stop playback');
      assert.equal(await waitForAnswer(page, 180000), 'done');
      await assertNoErrorBanner(page);
      const answer = (await assistantMessages(page).last().locator('.bsw-bubble').textContent()).trim();
      assert.ok(answer.length > 0, 'voice answer is empty');
      const after = await root(page).evaluate((el) => ({ ...el.dataset }));
      assert.deepEqual([after.audioState, after.audioPlayed], ['idle', audio.audioPlayed], 'audio played while muted');
      t.diagnostic(`transcript "${(await transcript.textContent()).trim()}" after ${transcriptMs} ms; audio playing after ${audioMs} ms`);
      await screenshot(page, '3-voice-answer');
    } finally {
      await voice.close();
    }
  });
});

async function assertRecording(page) {
  await page.getByTestId('mic').and(page.locator('[data-state=recording]')).waitFor({ timeout: 10000 });
}
