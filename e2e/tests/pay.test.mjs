// Invoices and paying them (E1, E4-E6, E8) in real Chromium, against the sandbox gateway.
//
// Phone (390x844), on the mail-flow server (real SMTP): a Summit customer with open invoices
// gets a login through an invitation; the "Pay" tile -> the open invoices -> two ticked -> the
// sticky "Pay" bar -> the pay form with one amount lowered (partial payment) -> a declined test
// card is refused inline -> the good test card pays -> receipt with its number -> the receipt
// email arrives -> the payment history lists it. No request the browser sends carries a card
// number (tokenised in the browser). Desktop (1280x800), demo customer: an invoice's detail
// and PDF, then "Pay this invoice" by bank account (ACH): submitted, settles later.
// Screenshots: phone-pay-NN-*.png, desktop-pay-NN-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DOWNLOADS,
  MAILDIR,
  MAIL_BASE_URL,
  MAIL_DB_PATH,
  PROFILES,
  byTestId,
  expectCount,
  expectPath,
  expectText,
  launchBrowser,
  logIn,
  loginByInvitation,
  openJourney,
  queryDb,
  readMaildir,
  stepper,
  unusedCustomers,
  waitForMail,
} from '../lib/harness.mjs';

const PASSWORD = 'invoice ledger harbour 58';
const CUSTOMER_IP = '198.51.100.71';
const STAFF_IP = '198.51.100.72';
const DESKTOP_IP = '198.51.100.73';
const DEMO = { login: 'demo@customer.example', password: 'demo-pass-123' };
const SUMMIT_ACCOUNT = 'S10001';
const GOOD_CARD = '4242 4242 4242 4242';
const DECLINED_CARD = '4000 0000 0000 0002';
const CARD_NUMBERS = [GOOD_CARD, DECLINED_CARD].flatMap((n) => [n, n.replaceAll(' ', '')]);
const BANK_ACCOUNT = '000123456789';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** An eligible Summit customer nobody uses yet, with two or more invoices to pay. */
function customerWithOpenInvoices() {
  const payable = new Set(
    queryDb(
      `SELECT lower(hex(customer_id)) AS hex_id FROM invoices
       WHERE kind = 'invoice' AND status = 'open' AND balance_minor - pending_minor > 5000
       GROUP BY customer_id HAVING COUNT(*) >= 2`,
      MAIL_DB_PATH,
    ).map((r) => r.hex_id),
  );
  return unusedCustomers('summit', MAIL_DB_PATH).find((c) => payable.has(c.hex_id));
}

/** Every request body and URL the page sends, to prove card numbers never leave the browser. */
function recordRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    seen.push(`${request.method()} ${request.url()}\n${request.postData() ?? ''}`);
  });
  return seen;
}

async function fillCard(page, number) {
  await byTestId(page, 'card-number').fill(number);
  await byTestId(page, 'card-expiry').fill('12/30');
  await byTestId(page, 'card-cvc').fill('123');
  await byTestId(page, 'card-name').fill('Robin Sitelead');
  await byTestId(page, 'card-zip').fill('80202');
}

describe(
  'phone 390x844: pay two invoices, one in part, by card',
  {
    skip:
      !(MAIL_BASE_URL && MAILDIR && MAIL_DB_PATH) &&
      'E2E_MAIL_BASE_URL, E2E_MAILDIR and E2E_MAIL_DB_PATH are not set',
  },
  () => {
    test('declined card, then paid, receipt by email, history', { timeout: 300_000 }, async (t) => {
      const journey = await openJourney(browser, PROFILES.phone, { baseURL: MAIL_BASE_URL, clientIp: CUSTOMER_IP });
      const { page } = journey;
      const shot = (name, opts) => journey.shot(`pay-${name}`, opts);
      const step = stepper(t, journey);
      const requests = recordRequests(page);
      const seenMail = new Set(readMaildir().map((m) => m.file));
      let accountPath;
      let receiptNumber;

      try {
        await step('a customer with open invoices logs in and sees the Pay tile', async () => {
          const customer = customerWithOpenInvoices();
          assert.ok(customer, 'a Summit customer nobody uses yet with two invoices to pay');
          const credentials = await loginByInvitation(customer, seenMail, {
            password: PASSWORD,
            displayName: 'Robin Sitelead',
            customerIp: CUSTOMER_IP,
            staffIp: STAFF_IP,
          });
          await logIn(page, credentials);
          accountPath = await expectPath(page, /^\/a\/[0-9a-f-]{36}$/, 'one account: straight to its home');
          await byTestId(page, 'tile-pay').waitFor();
          await expectText(byTestId(page, 'tile-invoices'), /due/i, 'the amount due on the Invoices tile');
          await shot('01-home', { fullPage: true });
        });

        await step('the Pay tile opens the open invoices; two ticked show the sticky pay bar', async () => {
          await byTestId(page, 'tile-pay').click();
          await byTestId(page, 'pay-page').waitFor();
          await page.goto(`${accountPath}/invoices`);
          await byTestId(page, 'invoices-page').waitFor();
          await byTestId(page, 'balance-card').waitFor();
          await expectCount(page.locator('[data-testid="invoice-row"]:visible'), (n) => n >= 2, 'open invoices');
          await shot('02-invoices', { fullPage: true });
          await byTestId(page, 'select-mode').click();
          const boxes = page.locator('[data-testid="invoice-select"]:visible');
          await expectCount(boxes, (n) => n >= 2, 'invoices to tick');
          await boxes.nth(0).check();
          await boxes.nth(1).check();
          const bar = byTestId(page, 'pay-bar');
          await expectText(bar, /2/, 'the pay bar counts two invoices');
          const { position, bottom } = await bar.evaluate((el) => ({
            position: getComputedStyle(el).position,
            bottom: el.getBoundingClientRect().bottom,
          }));
          assert.ok(['fixed', 'sticky'].includes(position), `the bar sticks (position: ${position})`);
          assert.ok(bottom <= 844 + 1, `the bar is on screen (bottom ${bottom})`);
          await shot('03-two-ticked');
          await byTestId(page, 'pay-bar-button').click();
        });

        await step('the form has both invoices; one is lowered to a part payment', async () => {
          await byTestId(page, 'pay-form').waitFor();
          const amounts = page.locator('input[data-testid^="pay-amount-"]');
          await expectCount(amounts, 2, 'one amount per chosen invoice');
          const before = await byTestId(page, 'pay-total-amount').textContent();
          await amounts.nth(0).fill('25.00');
          await expectText(byTestId(page, 'pay-total-amount'), (text) => text !== before, 'the total follows');
          await byTestId(page, 'sandbox-banner').waitFor();
          await shot('04-form', { fullPage: true });
        });

        await step('a declined test card is refused inline and nothing is taken', async () => {
          await fillCard(page, DECLINED_CARD);
          await byTestId(page, 'pay-submit').click();
          await expectText(byTestId(page, 'pay-error'), /declined/i, 'the decline message');
          await byTestId(page, 'pay-form').waitFor();
          await shot('05-declined', { fullPage: true });
        });

        await step('the good test card pays: a receipt with its number', async () => {
          await fillCard(page, GOOD_CARD);
          await byTestId(page, 'pay-submit').click();
          await byTestId(page, 'receipt-page').waitFor();
          receiptNumber = await expectText(byTestId(page, 'receipt-number'), /^PAY-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'number');
          await expectText(byTestId(page, 'receipt-status'), /paid|received/i, 'status');
          await expectText(byTestId(page, 'receipt-method'), /4242/, 'the card by its last four digits');
          await expectCount(byTestId(page, 'receipt-allocation'), 2, 'both invoices on the receipt');
          await shot('06-receipt', { fullPage: true });
        });

        await step('no request the browser sent carried a card number', async () => {
          const leaks = requests.filter((r) => CARD_NUMBERS.some((n) => r.includes(n)));
          assert.deepEqual(leaks, [], 'card numbers stay in the browser');
          assert.ok(
            requests.some((r) => r.startsWith('POST ') && r.includes('/payments') && r.includes('sandbox:card:visa:4242')),
            'the payment was posted with a token',
          );
        });

        await step('the receipt email arrives at the SMTP server', async () => {
          const mail = await waitForMail(
            (m) => !seenMail.has(m.file) && m.text.includes(receiptNumber),
            `the receipt ${receiptNumber}`,
          );
          assert.match(mail.text, /4242/, 'the card by its last four');
          for (const n of CARD_NUMBERS) {
            assert.ok(!mail.raw.includes(n), 'no card number in the email');
          }
        });

        await step('the payment history lists it', async () => {
          await page.goto(`${accountPath}/payments`);
          await byTestId(page, 'payments-page').waitFor();
          await expectText(
            page.locator(`[data-testid="payment-row"]:visible:has-text("${receiptNumber}")`),
            /paid/i,
            'the payment in the history',
          );
          await shot('07-history', { fullPage: true });
        });
      } finally {
        journey.assertNoErrors();
        await journey.context.close();
      }
    });
  },
);

describe('desktop 1280x800: an invoice, its PDF, paid by bank account', () => {
  test('invoice detail, PDF download, ACH payment submitted', { timeout: 300_000 }, async (t) => {
    const journey = await openJourney(browser, PROFILES.desktop, { clientIp: DESKTOP_IP });
    const { page } = journey;
    const shot = (name, opts) => journey.shot(`pay-${name}`, opts);
    const step = stepper(t, journey);
    const requests = recordRequests(page);
    let accountPath;
    let invoiceNumber;

    try {
      await step('log in and open the Summit account', async () => {
        await logIn(page, DEMO);
        await expectPath(page, /^\/accounts$/);
        await byTestId(page, 'account-option', `[data-account-number="${SUMMIT_ACCOUNT}"]`).click();
        accountPath = await expectPath(page, /^\/a\/[0-9a-f-]{36}$/);
        await byTestId(page, 'tile-pay').waitFor();
      });

      await step('the Invoices tab shows the balance, ageing and open invoices', async () => {
        await byTestId(page, 'account-nav-invoices').click();
        await expectPath(page, /\/invoices$/);
        await byTestId(page, 'balance-card').waitFor();
        await byTestId(page, 'ageing').waitFor();
        await byTestId(page, 'invoices-table').waitFor();
        await expectCount(page.locator('[data-testid="invoice-row"]:visible'), (n) => n >= 2, 'open invoices');
        await shot('01-invoices', { fullPage: true });
      });

      await step('an invoice shows its lines and downloads a PDF that renders', async () => {
        await page.locator('[data-testid="invoice-row"]:visible').first().locator('[data-testid="invoice-number"]').click();
        await byTestId(page, 'invoice-detail').waitFor();
        invoiceNumber = (await byTestId(page, 'invoice-number').first().textContent()).trim();
        await expectCount(byTestId(page, 'invoice-line'), (n) => n >= 1, 'lines');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          byTestId(page, 'invoice-pdf-download').click(),
        ]);
        const file = join(DOWNLOADS, download.suggestedFilename());
        await download.saveAs(file);
        assert.match(download.suggestedFilename(), /^invoice-.+\.pdf$/);
        assert.ok(statSync(file).size > 1000, 'a PDF of some size');
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        assert.ok(text.includes(invoiceNumber), `the PDF names ${invoiceNumber}`);
        await shot('02-invoice', { fullPage: true });
      });

      await step('"Pay this invoice" by bank account: submitted, settles later', async () => {
        await byTestId(page, 'invoice-pay').click();
        await byTestId(page, 'pay-form').waitFor();
        await expectCount(page.locator('input[data-testid^="pay-amount-"]'), 1, 'the one invoice');
        await byTestId(page, 'pay-method-ach').click();
        await byTestId(page, 'bank-fields').waitFor();
        await byTestId(page, 'bank-name').fill('Demo Customer LLC');
        await byTestId(page, 'bank-routing').fill('110000000');
        await byTestId(page, 'bank-account').fill(BANK_ACCOUNT);
        await shot('03-bank-form', { fullPage: true });
        await byTestId(page, 'pay-submit').click();
        await byTestId(page, 'receipt-page').waitFor();
        await expectText(byTestId(page, 'receipt-number'), /^PAY-[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'number');
        await expectText(byTestId(page, 'receipt-status'), /submitted|pending/i, 'a bank payment is pending');
        await expectText(byTestId(page, 'receipt-allocation'), invoiceNumber, 'the invoice paid');
        await shot('04-bank-receipt', { fullPage: true });
        const leaks = requests.filter((r) => r.includes(BANK_ACCOUNT));
        assert.deepEqual(leaks, [], 'the bank account number stays in the browser');
      });
    } finally {
      journey.assertNoErrors();
      await journey.context.close();
    }
  });
});
