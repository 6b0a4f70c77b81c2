// Opens the storyline UI in headless Chromium like a reader would: the
// story list, a story, an article's removed furniture, and a search; checks
// what is on screen and saves screenshots. Usage:
//   node ui.test.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const shots = process.argv[3] ?? '.';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ javaScriptEnabled: false });
const page = await context.newPage();
const failures = [];
page.on('requestfailed', (r) => failures.push(r.url()));

// The story list: stories with their volume charts, a feed advertised.
await page.goto(base + '/');
assert.equal(await page.title(), 'Stories · storyline');
assert.equal(await page.locator('link[rel=alternate][type="application/atom+xml"]').getAttribute('href'), '/feeds/stories.atom');
const n = await page.locator('li.story').count();
await page.screenshot({ path: `${shots}/stories.png`, fullPage: true });
let headline = null;
if (n === 0) {
  // A build without the cluster stage stores articles but makes no stories.
  assert.ok(await page.getByText('No stories yet.').isVisible(), 'empty list says so');
  console.log('no stories in this store: story pages not exercised');
} else {
  assert.ok(await page.locator('li.story svg.volume').count() >= 1, 'volume charts drawn');
  // Into the biggest story.
  await page.goto(base + '/?sort=size');
  const first = page.locator('li.story .what a').first();
  headline = (await first.textContent()).trim();
  await first.click();
  await page.waitForURL(/\/stories\/\d+$/);
  assert.equal((await page.locator('h1').textContent()).trim(), headline);
  for (const section of ['Figures as reported', 'Quotes by speaker', 'Timeline', 'Sources']) {
    assert.ok(await page.getByRole('heading', { name: section }).isVisible(), `${section} shown`);
  }
  assert.match(await page.locator('link[rel=alternate]').getAttribute('href'), /\/stories\/\d+\/feed\.atom$/);
  await page.screenshot({ path: `${shots}/story.png`, fullPage: true });
}

// Search from the form, with the highlighted match in the snippets.
await page.goto(base + '/search');
const word = headline ? (headline.split(/\s+/).find((w) => w.length > 4) ?? headline.split(/\s+/)[0]) : 'Veranto';
await page.getByLabel('search words').fill(word);
await page.getByRole('button', { name: 'Search' }).click();
await page.waitForURL(/\/search\?q=/);
const hits = await page.locator('li.hit').count();
assert.ok(hits >= 1, `search for ${word} found ${hits}`);
assert.ok(await page.locator('li.hit mark').count() >= 1, 'matches highlighted');
assert.equal(await page.locator('link[rel=alternate]').getAttribute('href'), `/search/feed.atom?q=${encodeURIComponent(word)}`);
await page.screenshot({ path: `${shots}/search.png`, fullPage: true });

// An article from the hits: the removed furniture is hidden until asked
// for. Click through the hits to the first article that had furniture.
const hrefs = await page.locator('li.hit > a').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
let furnished = null;
for (const href of hrefs) {
  await page.goto(base + href);
  assert.ok((await page.locator('article p').count()) >= 1, `article text shown on ${href}`);
  if (await page.locator('details.removed').count() > 0) { furnished = href; break; }
}
assert.ok(furnished, 'some hit has removed furniture to show');
const removed = page.locator('details.removed');
const list = removed.locator('ul');
assert.equal(await list.isVisible(), false, 'removed lines folded away');
await removed.locator('summary').click();
assert.equal(await list.isVisible(), true, 'removed lines shown on demand');
await page.screenshot({ path: `${shots}/article.png`, fullPage: true });

assert.deepEqual(failures, [], 'no failed requests');
await browser.close();
console.log(`browser test passed: ${n} stories listed, story ${JSON.stringify(headline)}, ${hits} hits for "${word}"`);
