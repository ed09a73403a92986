//! The one shell every customer request form runs in — call-off, service request,
//! extension, book again — as the server runs all four through one filing pipeline.
//!
//! A request screen says only what is its own: what it loads, its fields, its checks and
//! the [`Filing`] they make. The shell does the rest the same way for all four: the
//! permission check, loading, the form's frame (back link, title, form-wide error, contact
//! fields, submit), the checks every request shares, one `Idempotency-Key` per form, the
//! server's refusal under the right fields, and the confirmation once the store has it.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::AccountSummary;
use shared::branding::Terminology;
use shared::email::EmailAddress;
use shared::rentals::RentalItem;
use shared::requests::{RequestContact, RequestDetail};
use uuid::Uuid;

use crate::api::{self, ApiError, Filing};
use crate::components::form::{FieldMessage, FormError, SubmitButton};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::requests::{ChosenItems, RequestConfirmation};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::i18n::{count_arg, tr, tr_with};
use crate::paths;
use crate::session::{Session, use_session};

/// Problems found before sending: the field (the server's name for it) and the message.
pub type Found = Vec<(&'static str, String)>;

// ---- The page ----------------------------------------------------------------------------

/// The current account's request screen (`screen`), or why this login may not file that
/// request: `refusal` gives the reason, `None` when the membership allows it.
pub fn permitted_request_page(
    refusal: fn(&AccountSummary) -> Option<String>,
    screen: fn(AccountSummary) -> AnyView,
) -> impl IntoView {
    let current = use_current_account();
    move || {
        current.get().map(|account| match refusal(&account) {
            None => screen(account),
            Some(text) => view! { <NotAllowed account_id=account.id text=text /> }.into_any(),
        })
    }
}

/// The page around a request form: waits for what the request is about (`load`), then
/// shows `form` for it — or, once the store has the request, its confirmation. `form` gets
/// the signal that takes the filed request.
pub fn request_page<T, F>(
    account: &AccountSummary,
    testid: &'static str,
    load: LocalResource<Result<T, ApiError>>,
    form: F,
) -> impl IntoView + use<T, F>
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T, RwSignal<Option<RequestDetail>>) -> AnyView + Clone + Send + Sync + 'static,
{
    let done = RwSignal::new(None::<RequestDetail>);
    let account_id = account.id;
    let terms = account.dealer.terminology;
    let locale = account.dealer.locale.clone();
    let body = move || {
        let locale = locale.clone();
        let form = form.clone();
        Suspend::new(async move {
            match load.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| load.refetch() /> }.into_any(),
                Ok(loaded) => view! {
                    {move || match done.get() {
                        Some(detail) => view! { <RequestConfirmation detail=detail account_id=account_id locale=locale.clone() terms=terms /> }.into_any(),
                        None => form(loaded.clone(), done),
                    }}
                }
                .into_any(),
            }
        })
    };
    view! {
        <section class="page myreq-page" data-testid=testid>
            <Suspense fallback=|| view! { <SkeletonList rows=3 /> }>{body}</Suspense>
        </section>
    }
}

/// The membership does not allow this request.
#[component]
pub fn NotAllowed(account_id: Uuid, text: String) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="request-not-allowed">
            <IconSvg icon=Icon::Alert class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">{move || tr("request-not-allowed")}</h1>
                <p>{text}</p>
                <A href=paths::account_home(account_id) attr:class="btn btn-primary">{move || tr("request-back-home")}</A>
            </div>
        </div>
    }
}

/// None of the items chosen on the rentals page can go into this request: back to choose.
#[component]
pub fn NoItemsToRequest(
    account_id: Uuid,
    testid: &'static str,
    #[prop(optional)] icon: Option<Icon>,
    #[prop(into)] title: TextProp,
    #[prop(into)] text: TextProp,
) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid=testid>
            {icon.map(|icon| view! { <IconSvg icon=icon class="panel-icon" /> })}
            <div class="panel-body">
                <h1 class="panel-title">{move || title.get()}</h1>
                <p>{move || text.get()}</p>
                <A href=paths::rentals_to_choose(account_id) attr:class="btn btn-primary">{move || tr("request-choose-items")}</A>
            </div>
        </div>
    }
}

// ---- The form ----------------------------------------------------------------------------

/// What a request form says around its own fields (each text follows the language).
pub struct RequestFrame {
    pub account_id: Uuid,
    /// Test id prefix: `{testid}-form`, `{testid}-error`, `{testid}-submit`.
    pub testid: &'static str,
    pub back_href: String,
    pub back_text: TextProp,
    pub title: TextProp,
    pub lead: TextProp,
    /// The submit button's label.
    pub submit: TextProp,
    /// The contact fieldset's title: "Returner" for a call-off, else "Contact".
    pub contact_legend: TextProp,
    /// A hint between the contact fields and the submit button.
    pub note: Option<TextProp>,
}

/// A request form: `children` are the form's own fieldsets. On submit, `prepare` runs the
/// form's own checks (in the order its fields stand, into `found`) and makes the filing
/// from the contact as typed; the shell adds the contact checks and sends the filing once
/// nothing is found. `shown` names the fields the form shows messages under (the contact's
/// come with the shell); the server's other refusals go to the form-wide line.
#[component]
pub fn RequestForm<P>(
    frame: RequestFrame,
    errors: FormErrors,
    done: RwSignal<Option<RequestDetail>>,
    shown: &'static [&'static str],
    prepare: P,
    children: Children,
) -> impl IntoView
where
    P: Fn(RequestContact, &mut Found) -> Option<Filing> + 'static,
{
    let RequestFrame { account_id, testid, back_href, back_text, title, lead, submit, contact_legend, note } =
        frame;
    let session = use_session();
    let contact = ContactDraft::from_session(session);
    let submitting = RwSignal::new(false);
    // Sent with every attempt of this form: a double click or a retry files one request.
    let key = Uuid::new_v4();
    let sender = Sender { session, account_id, key, submitting, done, errors, shown };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        let filing = prepare(contact.to_contact(), &mut found);
        found.extend(contact.problems());
        if errors.report(found) {
            return;
        }
        if let Some(filing) = filing {
            sender.send(filing);
        }
    };
    view! {
        <A href=back_href attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || back_text.get()}</A>
        <h1 class="page-title">{move || title.get()}</h1>
        <p class="page-lead">{move || lead.get()}</p>
        <form class="myreq-form" data-testid=format!("{testid}-form") on:submit=on_submit novalidate>
            <FormError testid=format!("{testid}-error") error=errors.general() />
            {children()}
            <ContactFields contact=contact errors=errors legend=contact_legend />
            {note.map(|note| view! { <p class="field-hint">{move || note.get()}</p> })}
            <div class="form-submit">
                <SubmitButton testid=format!("{testid}-submit") submitting=submitting idle=submit busy=move || tr("request-sending") />
            </div>
        </form>
    }
}

/// The items the request is about, as chosen on the rentals page; `children` (a note on
/// items left out) go under the list, the server's complaint about them (`{testid}-error`)
/// last.
#[component]
pub fn ItemsFieldset(
    items: Vec<RentalItem>,
    locale: String,
    terms: Terminology,
    testid: &'static str,
    errors: FormErrors,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let count = items.len();
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{move || tr_with("request-items-count", &[count_arg(count as u64)])}</legend>
            <ChosenItems items=items locale=locale terms=terms />
            {children.map(|note| note())}
            <FieldMessage testid=testid error=errors.of("line_ids") />
        </fieldset>
    }
}

/// The site (or delivery) address; an `optional` one is marked so and never flagged.
#[component]
pub fn SiteAddressField(
    testid: &'static str,
    #[prop(into)] label: TextProp,
    #[prop(optional)] optional: bool,
    address: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    let invalid = errors.invalid("site_address");
    view! {
        <label class="field">
            <span class="field-label">
                {move || label.get()}
                {optional.then(|| view! { " " <Optional /> })}
            </span>
            <textarea class="input textarea" rows="2" data-testid=testid
                aria-invalid=move || (!optional).then(invalid)
                prop:value=move || address.get() on:input=move |ev| address.set(event_target_value(&ev))></textarea>
            <FieldMessage testid=testid error=errors.of("site_address") />
        </label>
    }
}

/// "(optional)", after a field's label.
#[component]
pub fn Optional() -> impl IntoView {
    view! { <span class="field-optional">{move || tr("request-optional")}</span> }
}

/// What was typed into `input`, trimmed; `None` when nothing was.
pub fn trimmed(input: RwSignal<String>) -> Option<String> {
    Some(input.get_untracked().trim().to_string()).filter(|v| !v.is_empty())
}

/// "Notes (optional)": a free note to the store. `testid` names the textarea and, with
/// `-error`, its message.
#[component]
pub fn NotesField(testid: &'static str, notes: RwSignal<String>, errors: FormErrors) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{move || tr("request-notes")} " " <Optional /></span>
            <textarea class="input textarea" rows="3" data-testid=testid
                prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            <FieldMessage testid=testid error=errors.of("notes") />
        </label>
    }
}

/// Files one form's request and shows the outcome.
#[derive(Clone, Copy)]
struct Sender {
    session: Session,
    account_id: Uuid,
    key: Uuid,
    submitting: RwSignal<bool>,
    done: RwSignal<Option<RequestDetail>>,
    errors: FormErrors,
    shown: &'static [&'static str],
}

impl Sender {
    /// Sends in the background: the confirmation (and the top of the page) when the
    /// request was taken, else the server's messages — under the fields the form shows,
    /// the rest on the form-wide line.
    fn send(self, filing: Filing) {
        self.submitting.set(true);
        leptos::task::spawn_local(async move {
            match api::file_request(self.session, self.account_id, self.key, &filing).await {
                Ok(detail) => {
                    self.done.set(Some(detail));
                    if let Some(window) = web_sys::window() {
                        window.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                }
                Err(e) => {
                    let fields: Vec<&str> = self.shown.iter().chain(CONTACT_FIELDS.iter()).copied().collect();
                    self.errors.show_api_error(&e, &fields);
                }
            }
            self.submitting.set(false);
        });
    }
}

// ---- Form errors -------------------------------------------------------------------------

/// The errors of a request form: per field (the server's 422 field names, e.g.
/// `contact.email`) and one form-wide line for anything else.
#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<Vec<(String, String)>>,
    general: RwSignal<Option<String>>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self { fields: RwSignal::new(Vec::new()), general: RwSignal::new(None) }
    }

    /// The message for `field`, for showing under it.
    pub fn of(&self, field: &'static str) -> Signal<Option<String>> {
        let fields = self.fields;
        Signal::derive(move || {
            fields.with(|all| all.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()))
        })
    }

    /// `aria-invalid` for `field`'s input: whether it has a message.
    pub fn invalid(&self, field: &'static str) -> impl Fn() -> String + Copy + use<> {
        let error = self.of(field);
        move || error.with(Option::is_some).to_string()
    }

    pub fn general(&self) -> Signal<Option<String>> {
        self.general.into()
    }

    pub fn clear(&self) {
        self.fields.set(Vec::new());
        self.general.set(None);
    }

    /// Problems found before sending; whether there were any.
    pub fn report(&self, found: Found) -> bool {
        let any = !found.is_empty();
        self.fields.set(found.into_iter().map(|(f, m)| (f.to_string(), m)).collect());
        self.general.set(any.then(|| tr("request-check-fields")));
        any
    }

    /// A refused request: the fields the form shows get their message; the rest, and any
    /// other failure, go to the form-wide line.
    pub fn show_api_error(&self, error: &ApiError, shown: &[&str]) {
        let mut fields = Vec::new();
        let mut other = Vec::new();
        if let ApiError::Problem(problem) = error {
            for e in &problem.errors {
                if shown.contains(&e.field.as_str()) {
                    fields.push((e.field.clone(), e.message.clone()));
                } else {
                    other.push(e.message.clone());
                }
            }
        }
        let general = if fields.is_empty() || !other.is_empty() {
            Some(if other.is_empty() { error.message() } else { other.join(" ") })
        } else {
            Some(tr("request-check-fields"))
        };
        self.fields.set(fields);
        self.general.set(general);
    }
}

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

// ---- Contact -----------------------------------------------------------------------------

/// The returner / contact fields, prefilled from the signed-in user.
#[derive(Clone, Copy)]
pub struct ContactDraft {
    pub name: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub email: RwSignal<String>,
}

impl ContactDraft {
    pub fn from_session(session: Session) -> Self {
        let user = session.user();
        Self {
            name: RwSignal::new(user.as_ref().map(|u| u.display_name.clone()).unwrap_or_default()),
            phone: RwSignal::new(user.as_ref().and_then(|u| u.phone.clone()).unwrap_or_default()),
            email: RwSignal::new(user.map(|u| u.email).unwrap_or_default()),
        }
    }

    pub fn to_contact(self) -> RequestContact {
        let phone = self.phone.get_untracked().trim().to_string();
        RequestContact {
            name: self.name.get_untracked().trim().to_string(),
            phone: (!phone.is_empty()).then_some(phone),
            email: self.email.get_untracked().trim().to_string(),
        }
    }

    /// What the server would refuse, checked before sending.
    pub fn problems(self) -> Found {
        let c = self.to_contact();
        let mut found = Vec::new();
        if c.name.is_empty() {
            found.push(("contact.name", tr("request-contact-name-missing")));
        }
        if !EmailAddress::is_valid(&c.email) {
            found.push(("contact.email", tr("request-contact-email-invalid")));
        }
        found
    }
}

/// The fields the server checks under `contact.*`.
const CONTACT_FIELDS: [&str; 3] = ["contact.name", "contact.phone", "contact.email"];

#[component]
fn ContactFields(contact: ContactDraft, errors: FormErrors, legend: TextProp) -> impl IntoView {
    view! {
        <fieldset class="form-group">
            <legend class="form-group-title">{move || legend.get()}</legend>
            <label class="field">
                <span class="field-label">{move || tr("request-name")}</span>
                <input class="input" type="text" autocomplete="name" data-testid="contact-name"
                    aria-invalid=errors.invalid("contact.name") bind:value=contact.name />
                <FieldMessage testid="contact-name" error=errors.of("contact.name") />
            </label>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">{move || tr("request-phone")} " " <Optional /></span>
                    <input class="input" type="tel" autocomplete="tel" inputmode="tel" data-testid="contact-phone"
                        aria-invalid=errors.invalid("contact.phone") bind:value=contact.phone />
                    <FieldMessage testid="contact-phone" error=errors.of("contact.phone") />
                </label>
                <label class="field">
                    <span class="field-label">{move || tr("request-email")}</span>
                    <input class="input" type="email" autocomplete="email" inputmode="email" autocapitalize="none"
                        spellcheck="false" data-testid="contact-email"
                        aria-invalid=errors.invalid("contact.email") bind:value=contact.email />
                    <FieldMessage testid="contact-email" error=errors.of("contact.email") />
                </label>
            </div>
        </fieldset>
    }
}
