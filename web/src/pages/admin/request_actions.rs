//! The store's next step on one request (H7, H8): acknowledge, schedule (or move the
//! date), complete ("Mark picked up" for a call-off) or cancel with a reason the customer
//! receives. The checks before sending, the server's refusal under the note or the date,
//! and the line saying what was done.

use leptos::prelude::*;
use shared::requests::{RequestDetail, RequestKind, RequestStatus, StaffAction, StaffActionInput};

use super::{day, use_store_today};
use crate::api::{self, ApiError};
use crate::components::status::Spinner;
use crate::i18n::{Label, tr, tr_with};
use crate::session::use_session;

/// What is wrong with the next step, each where it belongs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ActionErrors {
    date: Option<String>,
    note: Option<String>,
    form: Option<String>,
}

impl ActionErrors {
    /// What can be told before sending `action`: "Schedule" needs a date from today on,
    /// "Cancel" a reason. Also the date to send.
    fn check(
        action: StaffAction,
        date: &str,
        note: &str,
        today: chrono::NaiveDate,
    ) -> (Option<chrono::NaiveDate>, Self) {
        let mut found = ActionErrors::default();
        let scheduled_date = if action == StaffAction::Schedule {
            match date.parse::<chrono::NaiveDate>() {
                Ok(d) if d >= today => Some(d),
                Ok(_) => {
                    found.date = Some(tr("admin-action-date-past"));
                    None
                }
                Err(_) => {
                    found.date = Some(tr("admin-action-date-missing"));
                    None
                }
            }
        } else {
            None
        };
        if action == StaffAction::Cancel && note.is_empty() {
            found.note = Some(tr("admin-action-reason-missing"));
        }
        (scheduled_date, found)
    }

    /// The server's refusal (other than a conflict): under the date or the note, or else
    /// on the form.
    fn refused(e: &ApiError) -> Self {
        let found = ActionErrors {
            date: e.field_message("scheduled_date"),
            note: e.field_message("note"),
            form: None,
        };
        if found == ActionErrors::default() {
            ActionErrors { form: Some(e.message()), ..found }
        } else {
            found
        }
    }
}

/// What the staff member is told once `action` went through.
fn done_message(action: StaffAction, updated: &RequestDetail) -> String {
    match action {
        StaffAction::Acknowledge => tr("admin-action-done-acknowledged"),
        StaffAction::Schedule => {
            let date = updated.summary.scheduled_date.map(day).unwrap_or_default();
            tr_with("admin-action-done-scheduled", &[("date", date.into())])
        }
        StaffAction::Complete => match updated.summary.kind {
            RequestKind::CallOff => tr("admin-action-done-picked-up"),
            RequestKind::Service => tr("admin-action-done-done"),
            RequestKind::Extension => tr("admin-action-done-granted"),
            RequestKind::BookAgain => tr("admin-action-done-booked"),
        },
        StaffAction::Cancel => tr("admin-action-done-cancelled"),
    }
}

/// The actions the status allows, one shared note, and the date for "Schedule".
#[component]
pub fn Actions(
    detail: RequestDetail,
    flash: RwSignal<Option<String>>,
    conflict: RwSignal<Option<String>>,
    #[prop(into)] on_update: Callback<RequestDetail>,
    #[prop(into)] on_reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let id = detail.summary.id;
    let kind = detail.summary.kind;
    let status = detail.summary.status;
    let note = RwSignal::new(String::new());
    let today = use_store_today();
    let min = move || today().to_string();
    let date = RwSignal::new(
        detail
            .summary
            .scheduled_date
            .or(detail.summary.pickup_date)
            .filter(|d| *d >= today())
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(ActionErrors::default());
    let busy = RwSignal::new(None::<StaffAction>);

    let can_ack = status == RequestStatus::Requested;
    let can_complete = matches!(status, RequestStatus::Acknowledged | RequestStatus::Scheduled);
    let complete_label: Label = match kind {
        RequestKind::CallOff => || tr("admin-action-mark-picked-up"),
        RequestKind::Service => || tr("admin-action-mark-done"),
        RequestKind::Extension => || tr("admin-action-mark-granted"),
        RequestKind::BookAgain => || tr("admin-action-mark-booked"),
    };
    let schedule_label: Label = if status == RequestStatus::Scheduled {
        || tr("admin-action-reschedule")
    } else {
        || tr("admin-action-schedule")
    };

    let run = move |action: StaffAction| {
        if busy.get_untracked().is_some() {
            return;
        }
        let text = note.get_untracked().trim().to_string();
        let (scheduled_date, found) = ActionErrors::check(action, &date.get_untracked(), &text, today());
        let invalid = found != ActionErrors::default();
        errors.set(found);
        if invalid {
            return;
        }
        busy.set(Some(action));
        flash.set(None);
        conflict.set(None);
        let body = StaffActionInput { action, note: Some(text).filter(|t| !t.is_empty()), scheduled_date };
        leptos::task::spawn_local(async move {
            match api::admin_request_action(session, id, &body).await {
                Ok(updated) => {
                    note.set(String::new());
                    let message = done_message(action, &updated);
                    busy.set(None);
                    flash.set(Some(message));
                    on_update.run(updated);
                }
                Err(e) => {
                    let is_conflict = matches!(&e, ApiError::Problem(p) if p.status == 409);
                    errors.set(if is_conflict {
                        conflict.set(Some(e.message()));
                        ActionErrors::default()
                    } else {
                        ActionErrors::refused(&e)
                    });
                    busy.set(None);
                    if is_conflict {
                        on_reload.run(());
                    }
                }
            }
        });
    };

    let button = move |action: StaffAction, label: Label, class: &'static str, testid: &'static str| {
        view! {
            <button
                type="button"
                class=format!("btn {class}")
                data-testid=testid
                disabled=move || busy.get().is_some()
                aria-busy=move || (busy.get() == Some(action)).to_string()
                on:click=move |_| run(action)
            >
                <Show when=move || busy.get() == Some(action)><Spinner /></Show>
                {label}
            </button>
        }
    };

    view! {
        <div class="card request-card request-actions" data-testid="request-actions">
            <h2 class="request-subtitle">{move || tr("admin-action-title")}</h2>
            <div class="field">
                <label class="field-label" for="action-note">{move || tr("admin-action-note")}</label>
                <textarea
                    id="action-note"
                    class="input textarea"
                    rows="3"
                    maxlength="2000"
                    data-testid="action-note"
                    aria-invalid=move || errors.with(|e| e.note.is_some()).to_string()
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                {move || errors.with(|e| e.note.clone()).map(|m| view! { <p class="field-error" role="alert" data-testid="action-note-error">{m}</p> })}
            </div>
            <div class="action-row">
                {can_ack.then(|| button(StaffAction::Acknowledge, || tr("admin-action-acknowledge"), "btn-primary", "action-acknowledge"))}
                {can_complete.then(|| button(StaffAction::Complete, complete_label, "btn-primary", "action-complete"))}
            </div>
            <div class="schedule-row">
                <div class="field">
                    <label class="field-label" for="schedule-date">
                        {move || if status == RequestStatus::Scheduled { tr("admin-action-move-date") } else { tr("admin-action-schedule-for") }}
                    </label>
                    <input
                        id="schedule-date"
                        class="input"
                        type="date"
                        min=min
                        data-testid="schedule-date"
                        aria-invalid=move || errors.with(|e| e.date.is_some()).to_string()
                        bind:value=date
                    />
                </div>
                {button(StaffAction::Schedule, schedule_label, "btn-secondary", "action-schedule")}
            </div>
            {move || errors.with(|e| e.date.clone()).map(|m| view! { <p class="field-error" role="alert" data-testid="schedule-date-error">{m}</p> })}
            <div class="action-cancel">
                {button(StaffAction::Cancel, || tr("admin-action-cancel"), "btn-danger-outline", "action-cancel")}
            </div>
            {move || errors.with(|e| e.form.clone()).map(|m| view! { <p class="form-error" role="alert" data-testid="action-error">{m}</p> })}
        </div>
    }
}
