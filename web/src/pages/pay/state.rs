//! The pay form's state: a signal per input, the attempt being sent, the form's errors —
//! and the plain [`PaymentDraft`] they add up to, which the pure checks take.

use leptos::prelude::*;
use shared::i18n::Language;
use shared::invoices::InvoiceSummary;
use shared::money::Currency;
use shared::payments::PaymentMethod;
use shared::payments::allocate_in_order;
use shared::payments::draft::{
    BankDraft, CardDraft, ContractDraft, InvoiceDraft, PaymentDraft, PostcodeKind, amount_text, parse_amount,
};
use uuid::Uuid;

use crate::components::payments::payable;

/// One invoice on the form: ticked or not, and the amount to pay (full by default, written
/// as the language on screen writes amounts: `120.00`, `120,00`).
#[derive(Clone)]
pub struct Row {
    pub invoice: InvoiceSummary,
    pub on: RwSignal<bool>,
    pub amount: RwSignal<String>,
}

/// The invoices the form offers. With invoices chosen (`?invoice=…`) those still payable,
/// ticked with their full amount, and how many of the chosen ones are left out; with none
/// chosen, every payable open invoice, unticked, for the payer to pick (`picking`).
pub struct OfferedInvoices {
    pub rows: Vec<Row>,
    pub picking: bool,
    pub left_out: usize,
}

impl OfferedInvoices {
    /// The full amounts are written in `language`, the one the form's amounts start in
    /// ([`PayFormState::amounts_in`]).
    pub fn new(open: Vec<InvoiceSummary>, chosen: &[Uuid], language: Language) -> Self {
        let picking = chosen.is_empty();
        let payable_open: Vec<InvoiceSummary> = open.into_iter().filter(payable).collect();
        let shown: Vec<InvoiceSummary> = if picking {
            payable_open
        } else {
            chosen.iter().filter_map(|id| payable_open.iter().find(|i| i.id == *id).cloned()).collect()
        };
        let left_out = if picking { 0 } else { chosen.len() - shown.len() };
        let rows = shown
            .into_iter()
            .map(|invoice| Row {
                on: RwSignal::new(!picking),
                amount: RwSignal::new(amount_text(invoice.amount_due.minor, language)),
                invoice,
            })
            .collect();
        Self { rows, picking, left_out }
    }
}

/// The form's field errors (keyed by the form's field names; an invoice's amount by
/// [`shared::payments::draft::invoice_field`]) and its one line for everything else.
#[derive(Clone, Copy)]
pub struct PayErrors {
    pub fields: RwSignal<Vec<(String, String)>>,
    pub general: RwSignal<Option<String>>,
    /// The general line is a decline (styled as such).
    pub declined: RwSignal<bool>,
}

impl PayErrors {
    fn new() -> Self {
        Self {
            fields: RwSignal::new(Vec::new()),
            general: RwSignal::new(None),
            declined: RwSignal::new(false),
        }
    }

    /// The message under `field`, while there is one.
    pub fn of(self, field: impl Into<String>) -> Signal<Option<String>> {
        let field = field.into();
        let fields = self.fields;
        Signal::derive(move || {
            fields.with(|all| all.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
        })
    }

    /// `aria-invalid` for `field`'s input.
    pub fn invalid(self, field: impl Into<String>) -> impl Fn() -> String + Clone {
        let field = field.into();
        let fields = self.fields;
        move || fields.with(|all| all.iter().any(|(f, _)| *f == field)).to_string()
    }

    pub fn report(self, found: Vec<(String, String)>, general: Option<String>, declined: bool) {
        self.fields.set(found);
        self.general.set(general);
        self.declined.set(declined);
    }
}

/// The card inputs.
#[derive(Clone, Copy)]
pub struct CardInputs {
    pub number: RwSignal<String>,
    pub expiry: RwSignal<String>,
    pub cvc: RwSignal<String>,
    pub name: RwSignal<String>,
    pub zip: RwSignal<String>,
}

/// The bank debit inputs. The account type is shown for the payer's sake; the sandbox
/// token does not carry it.
#[derive(Clone, Copy)]
pub struct BankInputs {
    pub name: RwSignal<String>,
    pub routing: RwSignal<String>,
    pub account: RwSignal<String>,
    pub kind: RwSignal<String>,
}

/// The attempt being sent: its idempotency key and the token made for it.
#[derive(Clone)]
pub struct Attempt {
    pub key: Uuid,
    pub token: String,
}

/// A contract being paid (`?contract=…`, C6): its open invoices are the rows, shown but not
/// ticked or changed by the payer, who pays all that is due or types another amount.
#[derive(Clone, Copy)]
pub struct ContractChoice {
    pub id: Uuid,
    pub number: StoredValue<String>,
    /// All that is due (the default), or `amount`.
    pub all: RwSignal<bool>,
    pub amount: RwSignal<String>,
}

/// Everything the form holds, as signals the inputs bind to.
#[derive(Clone, Copy)]
pub struct PayFormState {
    pub rows: StoredValue<Vec<Row>>,
    pub on_account: RwSignal<String>,
    /// Paying a contract instead of chosen invoices and an amount on account.
    pub contract: Option<ContractChoice>,
    pub method: RwSignal<PaymentMethod>,
    pub card: CardInputs,
    pub bank: BankInputs,
    pub receipt_email: RwSignal<String>,
    pub errors: PayErrors,
    pub submitting: RwSignal<bool>,
    /// `None` until sent, and again after any change or a decline.
    pub attempt: StoredValue<Option<Attempt>>,
    pub currency: Currency,
    /// The language the amount inputs are written and read in ([`parse_amount`]): the one
    /// on screen. When the reader switches language, the amounts typed so far are rewritten
    /// in the new one's convention, so `50,00` never turns into 5000.00.
    pub amounts_in: RwSignal<Language>,
    /// The word for the billing postcode (ZIP code, postal code, postcode), after the
    /// dealer's locale.
    pub postcode_kind: PostcodeKind,
}

/// What the form starts with besides the invoice rows.
pub struct Prefill {
    pub method: PaymentMethod,
    /// The signed-in user's name, for the name on the card.
    pub card_name: String,
    /// The account's name, for the bank account holder.
    pub bank_name: String,
    pub receipt_email: String,
    pub currency: Currency,
    pub locale: String,
    /// The language the invoice rows' amounts were written in ([`OfferedInvoices::new`]).
    pub amounts_in: Language,
    /// The contract being paid, `(id, number)`, if that is what the form is for.
    pub contract: Option<(Uuid, String)>,
}

impl PayFormState {
    pub fn new(rows: Vec<Row>, prefill: Prefill) -> Self {
        let text = |s: &str| RwSignal::new(s.to_string());
        let state = Self {
            rows: StoredValue::new(rows),
            on_account: text(""),
            contract: prefill.contract.map(|(id, number)| ContractChoice {
                id,
                number: StoredValue::new(number),
                all: RwSignal::new(true),
                amount: text(""),
            }),
            method: RwSignal::new(prefill.method),
            card: CardInputs {
                number: text(""),
                expiry: text(""),
                cvc: text(""),
                name: RwSignal::new(prefill.card_name),
                zip: text(""),
            },
            bank: BankInputs {
                name: RwSignal::new(prefill.bank_name),
                routing: text(""),
                account: text(""),
                kind: text("checking"),
            },
            receipt_email: RwSignal::new(prefill.receipt_email),
            errors: PayErrors::new(),
            submitting: RwSignal::new(false),
            attempt: StoredValue::new(None),
            currency: prefill.currency,
            amounts_in: RwSignal::new(prefill.amounts_in),
            postcode_kind: PostcodeKind::for_locale(&prefill.locale),
        };
        state.forget_attempt_on_change();
        state.rewrite_amounts_on_language_change();
        state
    }

    /// The amount inputs follow the language on screen: what reads as an amount in the old
    /// language and would not read the same in the new one is written again in the new
    /// one's convention (`120.00` ⇄ `120,00`, `1,234.50` → `1234,50`); what the old one did
    /// not read is left as typed, for the checks to refuse or read in the new one.
    fn rewrite_amounts_on_language_change(self) {
        Effect::new(move |_| {
            let now = crate::i18n::language();
            let before = self.amounts_in.get_untracked();
            if now == before {
                return;
            }
            let rewrite = |input: RwSignal<String>| {
                let typed = input.get_untracked();
                if let Some(minor) = parse_amount(&typed, before)
                    && parse_amount(&typed, now) != Some(minor)
                {
                    input.set(amount_text(minor, now));
                }
            };
            self.rows.with_value(|rows| rows.iter().for_each(|r| rewrite(r.amount)));
            rewrite(self.on_account);
            if let Some(contract) = self.contract {
                rewrite(contract.amount);
            }
            self.amounts_in.set(now);
        });
    }

    /// Any change to what would be sent starts a new attempt (new key, new token).
    fn forget_attempt_on_change(self) {
        Effect::new(move |_| {
            self.rows.with_value(|rows| {
                for r in rows {
                    r.on.track();
                    r.amount.track();
                }
            });
            self.on_account.track();
            if let Some(contract) = self.contract {
                contract.all.track();
                contract.amount.track();
            }
            self.method.track();
            let (card, bank) = (self.card, self.bank);
            for s in [
                card.number,
                card.expiry,
                card.cvc,
                card.name,
                card.zip,
                bank.name,
                bank.routing,
                bank.account,
            ] {
                s.track();
            }
            self.receipt_email.track();
            self.attempt.set_value(None);
        });
    }

    /// What the contract's open invoices have due (0 when no contract is being paid).
    pub fn contract_due(self) -> i64 {
        self.rows.with_value(|rows| rows.iter().map(|r| r.invoice.amount_due.minor).sum())
    }

    /// The amount the Pay button shows: the ticked invoices' amounts and the payment on
    /// account, or what is paid on the contract, as far as they read as amounts.
    pub fn total(self) -> Memo<i64> {
        Memo::new(move |_| {
            let language = self.amounts_in.get();
            let read = |input: RwSignal<String>| input.with(|a| parse_amount(a, language));
            if let Some(contract) = self.contract {
                return if contract.all.get() {
                    self.contract_due()
                } else {
                    read(contract.amount).unwrap_or(0)
                };
            }
            let invoices: i64 = self
                .rows
                .with_value(|rows| rows.iter().filter(|r| r.on.get()).filter_map(|r| read(r.amount)).sum());
            invoices + read(self.on_account).unwrap_or(0)
        })
    }

    /// What each of the contract's invoices gets of `total` (the server's order: the rows
    /// come sorted by due date), nothing while the amount is not one that can be paid.
    pub fn contract_plan(self, total: Memo<i64>) -> Memo<Vec<(Uuid, i64)>> {
        Memo::new(move |_| {
            let due: Vec<(Uuid, i64)> = self
                .rows
                .with_value(|rows| rows.iter().map(|r| (r.invoice.id, r.invoice.amount_due.minor)).collect());
            allocate_in_order(total.get(), &due)
                .map(|all| all.into_iter().map(|a| (a.invoice_id, a.amount_minor)).collect())
                .unwrap_or_default()
        })
    }

    /// How many invoices are ticked, or get something of a contract payment.
    pub fn chosen_count(self) -> Memo<usize> {
        let total = self.total();
        let plan = self.contract.map(|_| self.contract_plan(total));
        Memo::new(move |_| match plan {
            Some(plan) => plan.with(Vec::len),
            None => self.rows.with_value(|rows| rows.iter().filter(|r| r.on.get()).count()),
        })
    }

    pub fn no_invoices(self) -> bool {
        self.rows.with_value(Vec::is_empty)
    }

    /// What is typed right now, as plain data for the checks.
    pub fn draft(self) -> PaymentDraft {
        let text = |s: RwSignal<String>| s.get_untracked();
        let contract = self.contract.map(|c| ContractDraft {
            contract_id: c.id,
            number: c.number.get_value(),
            amount_due_minor: self.contract_due(),
            amount: (!c.all.get_untracked()).then(|| text(c.amount)),
        });
        let invoices = self.rows.with_value(|rows| {
            rows.iter()
                .filter(|r| contract.is_none() && r.on.get_untracked())
                .map(|r| InvoiceDraft {
                    invoice_id: r.invoice.id,
                    number: r.invoice.number.clone(),
                    amount_due_minor: r.invoice.amount_due.minor,
                    amount: text(r.amount),
                })
                .collect()
        });
        let (card, bank) = (self.card, self.bank);
        PaymentDraft {
            currency: self.currency,
            language: self.amounts_in.get_untracked(),
            invoices,
            on_account: text(self.on_account),
            contract,
            method: self.method.get_untracked(),
            card: CardDraft {
                number: text(card.number),
                expiry: text(card.expiry),
                cvc: text(card.cvc),
                name: text(card.name),
                postcode: text(card.zip),
            },
            bank: BankDraft {
                holder: text(bank.name),
                routing: text(bank.routing),
                account: text(bank.account),
            },
            receipt_email: text(self.receipt_email),
            postcode_kind: self.postcode_kind,
            no_open_invoices: self.no_invoices(),
        }
    }
}
