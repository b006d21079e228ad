// End-to-end: the admin console against the real stack (llm_server + Express + built pages),
// beside the widget on the demo shop: explained search, a deletion the chat honours at once,
// and a 👎 answer fixed by the operator that the next identical question gets.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hasChromium, launchBrowser, screenshot } from './lib/browser.js';
import { startStack } from './lib/stack.js';
import { ask, assertNoErrorBanner, assistantMessages, openShop, openWidget, waitForAnswer } from './lib/widget.js';

const KEY = 'e2e-admin-key-0123456789';
const PRODUCT_QUESTION = '캔버스 캐주얼 백팩 화이트 있어요?';
const SKU = 'BS-BG-0001';
const FAQ_QUESTION = '포인트로 결제하면 영수증 나오나요?';
const FIX = '네, 포인트로 결제하셔도 마이페이지 > 주문 내역에서 현금영수증을 발급받으실 수 있어요.';
const skip = hasChromium() ? false : 'no /usr/bin/chromium';

async function askAndWait(page, question) {
  const before = await assistantMessages(page).count();
  await ask(page, question);
  await assistantMessages(page).nth(before).waitFor();
  assert.equal(await waitForAnswer(page), 'done');
  await assertNoErrorBanner(page);
  return assistantMessages(page).last();
}

const cardSkus = (message) =>
  message.locator('[data-testid=product-card]').evaluateAll((cards) => cards.map((a) => a.getAttribute('href')?.split('/').pop()));

describe('admin console (real stack)', { skip, timeout: 600000 }, () => {
  let stack;
  let browser;
  let shop;
  let admin;

  before(async () => {
    stack = await startStack({ name: 'admin', llmEnv: { ADMIN_API_KEY: KEY, VOICE_ENABLED: 'false' } });
    browser = await launchBrowser();
    shop = browser.page;
    admin = await browser.context.newPage();
    await openShop(shop, stack.url);
    await openWidget(shop);
  }, { timeout: 240000 });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('logs in with the key (a wrong key is refused)', { timeout: 60000 }, async () => {
    await admin.goto(`${stack.url}/admin`, { waitUntil: 'domcontentloaded' });
    await admin.getByLabel('관리자 키').fill('wrong-key');
    await admin.getByRole('button', { name: '로그인' }).click();
    await admin.getByRole('alert').filter({ hasText: '올바르지 않습니다' }).waitFor();
    await admin.getByLabel('관리자 키').fill(KEY);
    await admin.getByRole('button', { name: '로그인' }).click();
    await admin.getByTestId('collection-products').waitFor();
    assert.ok(Number(await admin.getByTestId('collection-products').getByTestId('count').textContent()) > 200);
    const stored = await admin.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    assert.ok(!stored.includes(KEY), 'the key must stay in memory only');
  });

  it('search explains the ranking; a deleted product is no longer recommended', { timeout: 180000 }, async () => {
    assert.ok((await cardSkus(await askAndWait(shop, PRODUCT_QUESTION))).includes(SKU), 'the chat recommends the product first');

    await admin.getByRole('tab', { name: '찾아보기·검색' }).click();
    await admin.getByLabel('검색어').fill(PRODUCT_QUESTION);
    await admin.getByRole('button', { name: '검색', exact: true }).click();
    const row = admin.locator(`[data-testid=explained-result][data-id="${SKU}"]`);
    await row.waitFor();
    assert.match(await row.getByTestId('bm25-rank').textContent(), /^\d+ /);
    assert.match(await row.getByTestId('dense-rank').textContent(), /^(\d+|–) /);
    assert.match(await row.getByTestId('fused-score').textContent(), /^\d\.\d{3}$/);
    await admin.getByTestId('parsed-filters').waitFor();
    await screenshot(admin, 'admin-search');

    await row.getByRole('button', { name: '열기' }).click();
    await admin.getByTestId('stored-item').waitFor();
    await admin.getByTestId('delete-item').click();
    await admin.getByTestId('edit-status').filter({ hasText: SKU }).waitFor();

    assert.ok(!(await cardSkus(await askAndWait(shop, PRODUCT_QUESTION))).includes(SKU), 'deleted product still recommended');
  });

  it('a 👎 answer fixed in the console is what the next identical question gets', { timeout: 180000 }, async () => {
    const first = await askAndWait(shop, FAQ_QUESTION);
    assert.notEqual((await first.locator('.bsw-bubble').textContent()).trim(), FIX);
    await first.getByTestId('feedback-down').click();
    await first.getByLabel('아쉬운 점 (선택)').fill('영수증 얘기가 없어요');
    await first.getByTestId('feedback-send').click();
    await first.getByText('의견 감사해요').waitFor();

    await admin.getByRole('tab', { name: '피드백' }).click();
    const item = admin.getByTestId('feedback-item').filter({ hasText: FAQ_QUESTION }).first();
    await item.waitFor();
    await item.getByText('영수증 얘기가 없어요').waitFor();
    await item.getByLabel('올바른 답변').fill(FIX);
    await item.getByTestId('fix-submit').click();
    await admin.getByTestId('fixed').first().waitFor();
    await screenshot(admin, 'admin-feedback-fixed');

    const second = await askAndWait(shop, FAQ_QUESTION);
    assert.equal((await second.locator('.bsw-bubble').textContent()).trim(), FIX);
    await screenshot(shop, 'admin-fix-answered');
  });
});
