// End-to-end check of the dashboard in a real Chromium against a running QuantumLeap (./qleap e2e starts one).
// Usage: node e2e/dashboard.e2e.mjs  (QLEAP_E2E_URL, QLEAP_E2E_USER, QLEAP_E2E_PASSWORD, CHROMIUM_PATH)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.QLEAP_E2E_URL ?? 'http://localhost:8080';
const user = process.env.QLEAP_E2E_USER ?? 'admin';
const password = process.env.QLEAP_E2E_PASSWORD;
const artifacts = new URL('../e2e-artifacts/', import.meta.url).pathname;
if (!password) {
  console.error('e2e: set QLEAP_E2E_PASSWORD to the password of ' + user);
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const errors = [];
page.on('pageerror', (error) => errors.push(error.message));
page.on('response', (response) => {
  if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
});

async function step(name, action) {
  const started = Date.now();
  try {
    await action();
    await page.screenshot({ path: `${artifacts}${name}.png` });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    await page.screenshot({ path: `${artifacts}${name}-failed.png` }).catch(() => {});
    console.log(`FAIL ${name}: ${error.message}`);
    await browser.close();
    process.exit(1);
  }
}

await step('01-login', async () => {
  await page.goto(base, { waitUntil: 'networkidle' });
  await page.getByLabel(/user/i).fill(user);
  await page.getByLabel(/password/i).fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Watchlist' }).waitFor({ timeout: 10_000 });
});

await step('02-connect-broker', async () => {
  await page.getByRole('link', { name: 'Broker' }).click();
  await page.getByText('Connect Kite').click();
  await page.waitForURL(/\/broker\?connected=/, { timeout: 15_000 });
  await page.getByText('yes', { exact: true }).waitFor({ timeout: 15_000 });
});

await step('03-watch-live-ticks', async () => {
  await page.getByRole('link', { name: 'Watchlist' }).click();
  await page.getByPlaceholder(/Search instruments/).fill('INFY');
  await page.getByRole('button', { name: 'Add' }).first().click();
  const row = page.getByRole('row', { name: /INFY NSE/ });
  await row.waitFor({ timeout: 10_000 });
  const seen = new Set();
  const deadline = Date.now() + 20_000;
  while (seen.size < 3 && Date.now() < deadline) {
    seen.add(await row.locator('td').nth(1).innerText());
    await page.waitForTimeout(250);
  }
  if (seen.size < 3) throw new Error(`LTP did not change: saw ${[...seen].join(', ')}`);
});

await step('04-place-order', async () => {
  await page
    .getByRole('row', { name: /INFY NSE/ })
    .getByRole('button', { name: 'B', exact: true })
    .click();
  await page.getByLabel('Order type').selectOption('MARKET');
  await page.getByLabel('Quantity').fill('2');
  const protection = page.getByLabel(/market protection/i);
  if (await protection.count()) await protection.fill('2');
  await page.getByRole('button', { name: 'Buy', exact: true }).click();
  await page.getByText(/sent:/).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
});

await step('05-order-filled', async () => {
  await page.getByRole('link', { name: 'Orders' }).click();
  await page.getByText('COMPLETE').first().waitFor({ timeout: 20_000 });
});

await step('06-position-with-pnl', async () => {
  await page.getByRole('link', { name: 'Positions' }).click();
  await page.getByRole('cell', { name: 'INFY' }).first().waitFor({ timeout: 20_000 });
});

await browser.close();
if (errors.length > 0) {
  console.log('FAIL page errors:\n  ' + errors.join('\n  '));
  process.exit(1);
}
console.log('e2e: 6 passed, 0 failed');
