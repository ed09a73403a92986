// Pay a contract (C6) in real Chromium, on a phone (390x844), against the sandbox gateway:
// the demo customer opens a contract with two or more open invoices, "Pay this contract"
// shows them with all that is due, "Another amount" pays the invoice due first in full and
// part of the next (the form shows what each gets before anything is sent), and the receipt
// lists both. Screenshots: phone-pay-contract-NN-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DB_PATH,
  PROFILES,
  byTestId,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  openJourney,
  queryDb,
  stepper,
  uuidOfHex,
} from '../lib/harness.mjs';

const DEMO = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT_ACCOUNT = 'S10001';
const CLIENT_IP = '198.51.100.81';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * A contract of the demo customer's Summit account with two or more open invoices that no
 * payment has touched yet, and those invoices (id, number, due in cents) in the order a
 * contract payment pays them: the earliest due date first.
 */
function contractWithOpenInvoices() {
  const rows = queryDb(
    `SELECT lower(hex(i.contract_id)) AS contract_hex, lower(hex(i.id)) AS invoice_hex, i.number,
            i.balance_minor - i.pending_minor AS due
     FROM invoices i JOIN customers c ON c.id = i.customer_id
     WHERE c.account_number = '${SUMMIT_ACCOUNT}' AND i.kind = 'invoice' AND i.status = 'open'
       AND i.balance_minor > i.pending_minor
       AND i.contract_id IN (
         SELECT contract_id FROM invoices WHERE contract_id IS NOT NULL AND kind = 'invoice'
           AND status = 'open' AND balance_minor > 0
         GROUP BY contract_id HAVING COUNT(*) >= 2 AND SUM(pending_minor) = 0)
     ORDER BY i.contract_id, CASE WHEN i.due_date IS NULL THEN 1 ELSE 0 END, i.due_date,
              i.invoice_date, i.number, i.id`,
    DB_PATH,
  );
  const contractHex = rows[0]?.contract_hex;
  if (!contractHex) return null;
  const invoices = rows.filter((r) => r.contract_hex === contractHex);
  return { id: uuidOfHex(contractHex), invoices };
}

/** Cents as the page shows them in US English: `$1,234.50`. */
const money = (cents) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Cents as the form's English amount field takes them: `1234.50`. */
const typed = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

describe('phone 390x844: pay a contract, part of what is due', { skip: !DB_PATH && 'E2E_DB_PATH is not set' }, () => {
  test('contract -> pay this contract -> another amount -> receipt', { timeout: 300_000 }, async (t) => {
    const journey = await openJourney(browser, PROFILES.phone, { clientIp: CLIENT_IP });
    const { page } = journey;
    const shot = (name, opts) => journey.shot(`pay-contract-${name}`, opts);
    const step = stepper(t, journey);
    const contract = contractWithOpenInvoices();
    assert.ok(contract, 'the demo account has a contract with two open invoices nobody paid yet');
    const [first, second] = contract.invoices;
    // All of the first invoice and half of the second.
    const amount = Number(first.due) + Math.floor(Number(second.due) / 2);
    let accountPath;

    try {
      await step('log in, open the contract: "Pay this contract"', async () => {
        await logIn(page, DEMO);
        await expectPath(page, /^\/accounts$/);
        await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
        accountPath = await expectPath(page, /^\/a\/[0-9a-f-]{36}$/);
        await page.goto(`${accountPath}/contracts/${contract.id}`);
        await byTestId(page, 'contract-detail').waitFor();
        await byTestId(page, 'contract-pay').waitFor();
        await shot('01-contract', { fullPage: true });
        await byTestId(page, 'contract-pay').click();
      });

      await step('the form lists its open invoices and offers all that is due', async () => {
        await byTestId(page, 'pay-contract').waitFor();
        await expectCount(byTestId(page, 'pay-contract-row'), contract.invoices.length, 'its open invoices');
        const total = contract.invoices.reduce((sum, i) => sum + Number(i.due), 0);
        await expectText(byTestId(page, 'pay-total-amount'), money(total), 'all that is due');
        await shot('02-all-due', { fullPage: true });
      });

      await step('another amount: the first invoice in full, part of the next, shown before paying', async () => {
        await byTestId(page, 'pay-contract-other').check();
        await byTestId(page, 'pay-contract-amount').fill(typed(amount));
        const row = (number) => byTestId(page, 'pay-contract-row', `[data-invoice-number="${number}"]`);
        const part = (number) => row(number).locator('[data-testid="pay-contract-part"]');
        await expectText(part(first.number), money(Number(first.due)), 'the earliest due in full');
        await expectText(part(second.number), money(amount - Number(first.due)), 'the rest to the next');
        await expectText(byTestId(page, 'pay-total-amount'), money(amount), 'the total is the amount typed');
        await byTestId(page, 'card-number').fill('4242 4242 4242 4242');
        await byTestId(page, 'card-expiry').fill('12/30');
        await byTestId(page, 'card-cvc').fill('123');
        await byTestId(page, 'card-zip').fill('80202');
        await shot('03-another-amount', { fullPage: true });
      });

      await step('paid: the receipt lists both invoices', async () => {
        await byTestId(page, 'pay-submit').click();
        await byTestId(page, 'receipt-page').waitFor();
        await expectText(byTestId(page, 'receipt-number'), /^PAY-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'number');
        await expectCount(byTestId(page, 'receipt-allocation'), 2, 'two invoices paid');
        await expectText(byTestId(page, 'receipt-allocations'), new RegExp(`${first.number}[\\s\\S]*${second.number}`), 'earliest due first');
        await shot('04-receipt', { fullPage: true });
      });
    } finally {
      journey.assertNoErrors();
      await journey.context.close();
    }
  });
});
