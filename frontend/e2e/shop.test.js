// End-to-end: shop actions from the chat on the real stack with the shop's own MongoDB
// (nx-27017): add to cart and see the demo shop's badge, an order-status dialogue, a handoff
// stored in MongoDB.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hasChromium, launchBrowser, screenshot } from './lib/browser.js';
import { findInMongo, startShopStack } from './lib/shopStack.js';
import { ask, assertNoErrorBanner, assistantMessages, openShop, openWidget, root, waitForAnswer } from './lib/widget.js';

const skip = hasChromium() || process.env.CI ? false : 'no /usr/bin/chromium';
const badge = (page) => page.locator('[data-testid=cart-badge]');
const lastAnswer = (page) => assistantMessages(page).last();
const bubble = async (page) => (await lastAnswer(page).locator('.bsw-bubble').textContent()).trim();

async function turn(page, text) {
  await ask(page, text);
  assert.equal(await waitForAnswer(page), 'done', `turn "${text}" did not finish`);
  await assertNoErrorBanner(page);
  return bubble(page);
}

describe('shop actions from the chat (real stack, nx-27017)', { skip, timeout: 600000 }, () => {
  let stack;
  let browser;
  let sessionId;

  before(async () => {
    stack = await startShopStack({ name: 'shop' });
    browser = await launchBrowser();
    await openShop(browser.page, stack.url);
    await openWidget(browser.page);
    sessionId = await root(browser.page).getAttribute('data-session-id');
  }, { timeout: 300000 });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('1. 담기 on a product card puts it in the cart and the shop badge shows it', { timeout: 180000 }, async () => {
    const { page } = browser;
    assert.equal(await badge(page).getAttribute('data-count'), '0');
    await turn(page, '린넨 셔츠 보여줘');
    const card = lastAnswer(page).locator('.bsw-card-wrap').first();
    const sku = await card.getAttribute('data-sku');
    const size = await card.locator('[data-testid=size-select]').inputValue();
    await card.locator('[data-testid=add-to-cart]').click();
    await card.locator('[data-testid=cart-note]').filter({ hasText: '장바구니에 담았어요' }).waitFor({ timeout: 15000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=cart-badge]')?.dataset.count === '1', null, { timeout: 10000 });
    const [cart] = await findInMongo(stack, 'carts', { sessionId });
    assert.deepEqual(cart.items.map((i) => [i.sku, i.size, i.qty]), [[sku, size, 1]]);
    await screenshot(page, 'shop-1-card-added');
  });

  it('2. "M 사이즈로 담아줘" adds the product shown; the badge follows', { timeout: 180000 }, async () => {
    const { page } = browser;
    await turn(page, '코튼 베이직 블라우스 카멜 보여줘');
    const reply = await turn(page, 'M 사이즈로 담아줘');
    assert.match(reply, /M 사이즈를 장바구니에 담았어요/);
    await page.waitForFunction(() => document.querySelector('[data-testid=cart-badge]')?.dataset.count === '2', null, { timeout: 15000 });
    const [cart] = await findInMongo(stack, 'carts', { sessionId });
    assert.equal(cart.items.length, 2);
    await screenshot(page, 'shop-2-chat-added');
  });

  it('3. order status: asks for the number and the phone digits, then shows the order card', { timeout: 180000 }, async () => {
    const { page } = browser;
    assert.match(await turn(page, '주문한 거 어디쯤 왔어요?'), /주문번호/);
    assert.match(await turn(page, '20261114-1007 이에요'), /뒤 4자리/);
    const wrong = await turn(page, '1234');
    assert.match(wrong, /찾지 못했어요/);
    assert.equal(await lastAnswer(page).locator('[data-testid=order-card]').count(), 0, 'no order detail before the phone check');
    const reply = await turn(page, '20261114-1007, 뒤 4자리 5678');
    assert.match(reply, /배송중/);
    assert.match(reply, /롯데택배/);
    const orderCard = lastAnswer(page).locator('[data-testid=order-card]');
    await orderCard.waitFor({ timeout: 5000 });
    assert.equal(await orderCard.getAttribute('data-status'), '배송중');
    const done = await orderCard.locator('[data-testid=order-step]').evaluateAll((els) => els.map((el) => el.dataset.done));
    assert.deepEqual(done, ['true', 'true', 'true', 'false']);
    await screenshot(page, 'shop-3-order');
  });

  it('4. "상담원 연결" stores a handoff with the transcript in MongoDB', { timeout: 120000 }, async () => {
    const { page } = browser;
    await turn(page, '제 번호는 010-2345-6789예요. 상담원 연결해 주세요');
    await lastAnswer(page).locator('[data-testid=handoff-notice]').waitFor({ timeout: 5000 });
    const call = lastAnswer(page).locator('[data-testid=contact-channels] [data-kind=phone] a');
    assert.match(await call.getAttribute('href'), /^tel:\d+$/, 'the contact card offers a tap-to-call link');
    const [handoff] = await findInMongo(stack, 'handoffs', { sessionId });
    assert.equal(handoff.status, 'open');
    assert.ok(handoff.createdAt instanceof Date);
    assert.ok(handoff.transcript.length >= 3, `transcript: ${JSON.stringify(handoff.transcript)}`);
    assert.ok(handoff.transcript.some((m) => m.content.includes('주문한 거 어디쯤')));
    assert.ok(!JSON.stringify(handoff.transcript).includes('2345-6789'), 'phone numbers are masked');
    await screenshot(page, 'shop-4-handoff');
  });
});
