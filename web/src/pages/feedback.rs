//! `/a/:account_id/feedback` (G1): a question, feedback or complaint to the store, and the
//! account's earlier messages with whether the store has handled them.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::AccountSummary;
use shared::email::EmailAddress;
use shared::feedback::{Feedback, FeedbackInput, FeedbackKind, FeedbackStatus};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::form::{ChoiceGrid, FieldMessage, FormError, SubmitButton};
use crate::components::icons::{Icon, IconSvg};
use crate::components::layout::use_current_account;
use crate::components::request_form::{FormErrors, Optional};
use crate::components::status::{ErrorPanel, SkeletonList};
use crate::format::tel_href;
use crate::i18n::{tr, tr_with};
use crate::paths;
use crate::session::use_session;
use crate::when;

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let current = use_current_account();
    move || current.get().map(|account| view! { <FeedbackScreen account=account /> })
}

const SHOWN: [&str; 6] = ["kind", "subject", "message", "location_id", "contact_email", "contact_phone"];

#[component]
fn FeedbackScreen(account: AccountSummary) -> impl IntoView {
    let session = use_session();
    let account_id = account.id;
    let locale = account.dealer.locale.clone();
    let history = LocalResource::new(move || async move { api::account_feedback(session, account_id).await });
    let dealer = account.dealer.clone();
    let dealer_name = dealer.name.clone();
    let list = move || {
        let locale = locale.clone();
        Suspend::new(async move {
            match history.await {
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| history.refetch() /> }.into_any(),
                Ok(items) if items.is_empty() => {
                    view! { <p class="field-hint" data-testid="feedback-none">{move || tr("feedback-none")}</p> }.into_any()
                }
                Ok(items) => view! {
                    <ul class="card-list" data-testid="feedback-list">
                        {items.into_iter().map(|f| view! { <FeedbackItem feedback=f locale=locale.clone() /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }
        })
    };
    view! {
        <section class="page feedback-page" data-testid="feedback-page">
            <A href=paths::account_home(account_id) attr:class="back-link"><IconSvg icon=Icon::ChevronLeft />{move || tr("nav-home")}</A>
            <h1 class="page-title">{move || tr("nav-contact")}</h1>
            <p class="page-lead">{move || tr_with("feedback-lead", &[("dealer", dealer_name.clone().into())])}</p>
            <div class="feedback-layout">
                <FeedbackForm account_id=account_id support_phone=dealer.support_phone.clone() history=history />
                <section class="feedback-history">
                    <h2 class="section-title">{move || tr("feedback-earlier")}</h2>
                    <Suspense fallback=|| view! { <SkeletonList rows=2 /> }>{list}</Suspense>
                </section>
            </div>
        </section>
    }
}

/// The message form; once sent, the `history` of messages is loaded again to show it.
#[component]
fn FeedbackForm(
    account_id: Uuid,
    support_phone: Option<String>,
    history: LocalResource<Result<Vec<Feedback>, ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let locations =
        LocalResource::new(
            move || async move { api::locations(session, account_id).await.unwrap_or_default() },
        );
    let user = session.user();

    let kind = RwSignal::new(FeedbackKind::Question);
    let subject = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let store = RwSignal::new(String::new());
    let email = RwSignal::new(user.as_ref().map(|u| u.email.clone()).unwrap_or_default());
    let phone = RwSignal::new(user.and_then(|u| u.phone).unwrap_or_default());
    let errors = FormErrors::new();
    let submitting = RwSignal::new(false);
    let sent = RwSignal::new(None::<Feedback>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        let mut found = Vec::new();
        if text(subject).is_empty() {
            found.push(("subject", tr("feedback-subject-missing")));
        }
        if text(message).is_empty() {
            found.push(("message", tr("feedback-message-missing")));
        }
        if !EmailAddress::is_valid(&text(email)) {
            found.push(("contact_email", tr("feedback-email-invalid")));
        }
        if errors.report(found) {
            return;
        }
        let phone_text = text(phone);
        let body = FeedbackInput {
            kind: kind.get_untracked(),
            subject: text(subject),
            message: text(message),
            location_id: Uuid::parse_str(&store.get_untracked()).ok(),
            contact_email: text(email),
            contact_phone: (!phone_text.is_empty()).then_some(phone_text),
        };
        submitting.set(true);
        sent.set(None);
        leptos::task::spawn_local(async move {
            match api::send_feedback(session, account_id, &body).await {
                Ok(feedback) => {
                    errors.clear();
                    subject.set(String::new());
                    message.set(String::new());
                    sent.set(Some(feedback));
                    history.refetch();
                }
                Err(e) => errors.show_api_error(&e, &SHOWN),
            }
            submitting.set(false);
        });
    };

    let subject_error = errors.of("subject");
    let message_error = errors.of("message");
    let email_error = errors.of("contact_email");
    view! {
        <form class="myreq-form" data-testid="feedback-form" on:submit=on_submit novalidate>
            {move || sent.get().map(|f| view! {
                <div class="notice notice-info" role="status" data-testid="feedback-sent">
                    <IconSvg icon=Icon::Check class="notice-icon" />
                    <div class="notice-body">
                        <p class="notice-title">{move || tr("feedback-sent-title")}</p>
                        <p>{move || {
                            let args = [("subject", f.subject.clone().into()), ("email", f.contact_email.clone().into())];
                            tr_with("feedback-sent-text", &args)
                        }}</p>
                    </div>
                </div>
            })}
            <FormError testid="feedback-error" error=errors.general() />
            <ChoiceGrid class="choice-grid choice-grid-3" label=move || tr("feedback-kind-label") name="kind" testid="feedback-kind"
                options=FeedbackKind::ALL value=FeedbackKind::as_str text=feedback_kind_label picked=kind />
            <label class="field">
                <span class="field-label">{move || tr("feedback-subject")}</span>
                <input class="input" type="text" data-testid="feedback-subject" maxlength="200"
                    aria-invalid=move || subject_error.get().is_some().to_string() bind:value=subject />
                <FieldMessage testid="feedback-subject" error=subject_error />
            </label>
            <label class="field">
                <span class="field-label">{move || tr("feedback-message")}</span>
                <textarea class="input textarea" rows="5" data-testid="feedback-message"
                    aria-invalid=move || message_error.get().is_some().to_string()
                    prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                <FieldMessage testid="feedback-message" error=message_error />
            </label>
            <label class="field">
                <span class="field-label">{move || tr("feedback-store")}</span>
                <select class="input" data-testid="feedback-store" on:change=move |ev| store.set(event_target_value(&ev))>
                    <option value="" selected=move || store.get().is_empty()>{move || tr("feedback-usual-store")}</option>
                    {move || locations.get().unwrap_or_default().into_iter().map(|l| {
                        let id = l.id.to_string();
                        let value = id.clone();
                        view! { <option value=value selected=move || store.get() == id>{l.name}</option> }
                    }).collect_view()}
                </select>
                <FieldMessage testid="feedback-store" error=errors.of("location_id") />
            </label>
            <div class="form-row">
                <label class="field">
                    <span class="field-label">{move || tr("feedback-email")}</span>
                    <input class="input" type="email" inputmode="email" autocapitalize="none" spellcheck="false" data-testid="feedback-email"
                        aria-invalid=move || email_error.get().is_some().to_string() bind:value=email />
                    <FieldMessage testid="feedback-email" error=email_error />
                </label>
                <label class="field">
                    <span class="field-label">{move || tr("feedback-phone")} " " <Optional /></span>
                    <input class="input" type="tel" inputmode="tel" data-testid="feedback-phone" bind:value=phone />
                    <FieldMessage testid="feedback-phone" error=errors.of("contact_phone") />
                </label>
            </div>
            <div class="form-submit">
                <SubmitButton testid="feedback-submit" submitting=submitting idle=move || tr("feedback-submit") busy=move || tr("request-sending") />
            </div>
            {support_phone.map(|p| view! {
                <p class="field-hint">{move || tr("feedback-hurry")} " " <a href=tel_href(&p)>{p.clone()}</a>"."</p>
            })}
        </form>
    }
}

#[component]
fn FeedbackItem(feedback: Feedback, locale: String) -> impl IntoView {
    let f = feedback;
    let status = f.status;
    let class = match status {
        FeedbackStatus::New => "badge badge-req-requested",
        FeedbackStatus::Handled => "badge badge-req-completed",
    };
    let label = move || match status {
        FeedbackStatus::New => tr("feedback-status-sent"),
        FeedbackStatus::Handled => tr("feedback-status-answered"),
    };
    let kind = f.kind;
    view! {
        <li class="card feedback-item" data-testid="feedback-item" data-feedback-id=f.id.to_string() data-status=f.status.as_str()>
            <div class="card-top">
                <span class="feedback-subject">{f.subject.clone()}</span>
                <span class=class data-testid="feedback-status" data-status=f.status.as_str()>{label}</span>
            </div>
            <p class="myreq-meta">
                <span>{move || feedback_kind_label(kind)}</span>
                <span>{when::timestamp(f.created_at, &locale)}</span>
                {f.location.as_ref().map(|l| view! { <span>{l.name.clone()}</span> })}
            </p>
            <p class="feedback-message">{f.message.clone()}</p>
            {f.handled_note.clone().filter(|n| !n.trim().is_empty()).map(|n| view! {
                <p class="notes" data-testid="feedback-answer">{move || tr_with("feedback-answer", &[("answer", n.clone().into())])}</p>
            })}
        </li>
    }
}

/// The kind of a message ("Question").
fn feedback_kind_label(kind: FeedbackKind) -> String {
    match kind {
        FeedbackKind::Question => tr("feedback-kind-question"),
        FeedbackKind::Feedback => tr("feedback-kind-feedback"),
        FeedbackKind::Complaint => tr("feedback-kind-complaint"),
    }
}
