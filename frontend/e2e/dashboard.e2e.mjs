// End-to-end check of the dashboard in a real Chromium against a running QuantumLeap (./qleap e2e starts one).
// Usage: node e2e/dashboard.e2e.mjs  (QLEAP_E2E_URL, QLEAP_E2E_USER, QLEAP_E2E_PASSWORD, CHROMIUM_PATH)
//
// The box it runs on is small and shared, so every step waits for a condition in the page (never a fixed
// sleep) with a generous bound, and the whole run has a hard deadline.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.QLEAP_E2E_URL ?? 'http://localhost:8080';
const user = process.env.QLEAP_E2E_USER ?? 'admin';
const password = process.env.QLEAP_E2E_PASSWORD;
const artifacts = new URL('../e2e-artifacts/', import.meta.url).pathname;
const STEP_TIMEOUT_MS = 30_000;
const RUN_DEADLINE_MS = 8 * 60_000;

if (!password) {
  console.error('e2e: set QLEAP_E2E_PASSWORD to the password of ' + user);
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

setTimeout(() => {
  console.log(`FAIL e2e: the run took longer than ${RUN_DEADLINE_MS / 1000} s`);
  process.exit(1);
}, RUN_DEADLINE_MS).unref();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  timeout: 60_000,
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
page.setDefaultTimeout(STEP_TIMEOUT_MS);
page.setDefaultNavigationTimeout(60_000);
const errors = [];
page.on('pageerror', (error) => errors.push(error.message));
page.on('response', (response) => {
  if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
});

let passed = 0;
async function step(name, action) {
  const started = Date.now();
  try {
    await action();
    await page.screenshot({ path: `${artifacts}${name}.png` });
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    await page.screenshot({ path: `${artifacts}${name}-failed.png` }).catch(() => {});
    console.log(`FAIL ${name}: ${error.message}`);
    await browser.close();
    process.exit(1);
  }
}

async function openPage(label) {
  await page.getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${label}`) }).waitFor();
}

/** Resolves once the LTP cell of the row whose text matches `rowPattern` has shown `count` values. */
async function ltpChanges(rowPattern, count, timeout) {
  await page.waitForFunction(
    ({ source, wanted }) => {
      const pattern = new RegExp(source);
      const row = [...document.querySelectorAll('tbody tr')].find((tr) =>
        pattern.test(tr.textContent ?? ''),
      );
      const ltp = row?.querySelectorAll('td')[1]?.textContent?.trim();
      const seen = (window.__e2eSeenLtp ??= new Set());
      if (ltp && /\d/.test(ltp)) seen.add(ltp);
      return seen.size >= wanted;
    },
    { source: rowPattern.source, wanted: count },
    { polling: 100, timeout },
  );
}

await step('01-login', async () => {
  await page.goto(base, { waitUntil: 'load' });
  await page.getByLabel(/user/i).fill(user);
  await page.getByLabel(/password/i).fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Watchlist' }).waitFor();
});

await step('02-connect-broker', async () => {
  await openPage('Broker');
  await page.getByText('Connect Kite').click();
  await page.waitForURL(/\/broker\?connected=/);
  await page.getByText('yes', { exact: true }).waitFor();
});

await step('03-watch-live-ticks', async () => {
  await openPage('Watchlist');
  await page.getByPlaceholder(/Search instruments/).fill('INFY');
  await page.getByRole('button', { name: 'Add' }).first().click();
  await page.getByRole('row', { name: /INFY NSE/ }).waitFor();
  await ltpChanges(/INFY\s*NSE/, 3, 45_000);
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
  await page.getByText(/sent:/).waitFor();
  await page.keyboard.press('Escape');
});

await step('05-order-filled', async () => {
  await openPage('Orders');
  await page.getByText('COMPLETE').first().waitFor({ timeout: 45_000 });
});

await step('06-position-with-pnl', async () => {
  await openPage('Positions');
  await page.getByRole('cell', { name: 'INFY' }).first().waitFor({ timeout: 45_000 });
});

for (const [index, label] of ['Trades', 'Risk', 'Users', 'Ops', 'Quant'].entries()) {
  await step(`${String(7 + index).padStart(2, '0')}-${label.toLowerCase()}-page`, async () => {
    await openPage(label);
  });
}

await browser.close();
if (errors.length > 0) {
  console.log('FAIL page errors:\n  ' + errors.join('\n  '));
  process.exit(1);
}
console.log(`e2e: ${passed} passed, 0 failed`);
