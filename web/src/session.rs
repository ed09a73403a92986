//! Who is signed in: the in-memory access token, the user and their accounts, and the one
//! refresh at a time that keeps them alive.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use shared::accounts::AccountSummary;
use shared::auth::{MeResponse, SessionResponse, UserProfile};
use shared::view_as::{ViewAsSession, ViewAsSubject};
use uuid::Uuid;

use crate::{api, offline};

/// Coarse sign-in state; screens re-render only when this changes, not on token rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthStatus {
    /// Start-up: the refresh cookie is being tried.
    Checking,
    SignedOut,
    SignedIn,
}

/// The session, shared through context. All fields are arena handles, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Session {
    status: RwSignal<AuthStatus>,
    /// Never persisted: a reload restores it through the refresh cookie.
    token: StoredValue<Option<String>>,
    user: RwSignal<Option<UserProfile>>,
    accounts: RwSignal<Vec<AccountSummary>>,
    /// Set by "Log out", so the login page does not offer to return to the old page.
    logged_out: StoredValue<bool>,
    /// A view as a customer (A14) open in this tab: the token above is then the view's.
    view: RwSignal<Option<ActiveView>>,
    /// The server answered `view_ended`: the banner offers the way back.
    view_ended: RwSignal<bool>,
    /// Some screen shows answers kept from before the signal went (see [`crate::offline`]),
    /// the oldest received at this time; cleared by the next answer from the server.
    offline_as_of: RwSignal<Option<DateTime<Utc>>>,
    /// Bumped when the network comes back, so the lists ask the server again.
    reconnected: RwSignal<u32>,
}

/// How a refresh of the access token went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    Yes,
    /// The server said no: the session is over.
    Rejected,
    /// The server could not be reached: no signal.
    Unreachable,
}

/// A view as a customer open in this tab, as kept in `sessionStorage`: apart from the staff
/// member's own session (their refresh cookie, untouched while viewing), so a reload stays in
/// the view and "Exit view" returns to them. Per tab: another tab stays the staff member's.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ActiveView {
    /// The view's access token (read-only, as long-lived as the view).
    token: String,
    pub subject: ViewAsSubject,
    /// Where the staff member started the view, to return to.
    pub return_to: String,
}

const VIEW_KEY: &str = "rental_portal.view_as";

fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn stored_view() -> Option<ActiveView> {
    let text = tab_storage()?.get_item(VIEW_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

fn store_view(view: Option<&ActiveView>) {
    let Some(storage) = tab_storage() else { return };
    // A browser refusing storage only loses the view on reload.
    let _ = match view.and_then(|v| serde_json::to_string(v).ok()) {
        Some(text) => storage.set_item(VIEW_KEY, &text),
        None => storage.remove_item(VIEW_KEY),
    };
}

impl Session {
    pub fn new() -> Self {
        Self {
            status: RwSignal::new(AuthStatus::Checking),
            token: StoredValue::new(None),
            user: RwSignal::new(None),
            accounts: RwSignal::new(Vec::new()),
            logged_out: StoredValue::new(false),
            view: RwSignal::new(None),
            view_ended: RwSignal::new(false),
            offline_as_of: RwSignal::new(None),
            reconnected: RwSignal::new(0),
        }
    }

    /// When the oldest kept answer on screen was received, while any is shown.
    pub fn offline_as_of(&self) -> Option<DateTime<Utc>> {
        self.offline_as_of.get()
    }

    /// A screen shows an answer kept from `at`.
    pub fn showing_kept(&self, at: DateTime<Utc>) {
        if self.offline_as_of.get_untracked().is_none_or(|shown| at < shown) {
            self.offline_as_of.set(Some(at));
        }
    }

    /// The server answered: whatever a list shows next is live.
    pub fn answered_live(&self) {
        if self.offline_as_of.get_untracked().is_some() {
            self.offline_as_of.set(None);
        }
    }

    /// Tracks the network coming back, for resources that should then ask again.
    pub fn track_reconnect(&self) {
        self.reconnected.track();
    }

    /// The network is back: a session restored without signal gets its token, and the
    /// screens showing kept answers ask the server again.
    pub fn reconnect(self) {
        if self.status.get_untracked() != AuthStatus::SignedIn {
            leptos::task::spawn_local(async move {
                Self::deliver_logout().await;
            });
            return;
        }
        leptos::task::spawn_local(async move {
            // Not yet the server (the next answer decides), or the session is over.
            if self.is_offline_session() && self.resume().await.is_err() {
                return;
            }
            // The lists ask again; one that still cannot reach the server shows its kept
            // answer and the banner again.
            self.answered_live();
            self.reconnected.update(|n| *n += 1);
        });
    }

    /// For a session restored without signal: its token, if the server can be reached now.
    /// `Network` while it cannot; `SignedOut` when it refused (the session is then ended).
    pub async fn resume(&self) -> Result<(), api::ApiError> {
        match self.refresh_outcome().await {
            Refreshed::Yes => Ok(()),
            Refreshed::Unreachable => Err(api::ApiError::Network),
            Refreshed::Rejected => {
                self.end();
                Err(api::ApiError::SignedOut)
            }
        }
    }

    /// Signed in from what this browser kept (a reload without signal): no token until the
    /// server can be reached again.
    pub fn is_offline_session(&self) -> bool {
        self.status.get_untracked() == AuthStatus::SignedIn
            && self.token.with_value(Option::is_none)
            && !self.is_viewing()
    }

    /// The view as a customer open in this tab, if any.
    pub fn active_view(&self) -> Option<ActiveView> {
        self.view.get()
    }

    /// Viewing as a customer (untracked: for the transport, not for rendering).
    pub fn is_viewing(&self) -> bool {
        self.view.with_untracked(Option::is_some)
    }

    /// The server said the open view is over.
    pub fn view_has_ended(&self) -> bool {
        self.view_ended.get()
    }

    /// The server answered `view_ended` (401): the view stays on screen, marked over.
    pub fn mark_view_ended(&self) {
        if !self.view_ended.get_untracked() {
            self.view_ended.set(true);
        }
    }

    /// Opens a view as a customer in this tab: from now on the screens are the customer
    /// user's, with the view's token. `return_to` is where "Exit view" leads.
    pub fn enter_view(&self, view: ViewAsSession, return_to: String) {
        let active = ActiveView { token: view.access_token, subject: view.view, return_to };
        store_view(Some(&active));
        self.view_ended.set(false);
        self.view.set(Some(active.clone()));
        self.show(active.token, MeResponse { user: view.user, accounts: view.accounts });
    }

    /// Leaves the view in this tab and forgets its token; answers where it started. The
    /// staff member's session is then restored with [`Session::refresh`].
    pub fn leave_view(&self) -> String {
        store_view(None);
        let return_to = self.view.with_untracked(|v| v.as_ref().map(|v| v.return_to.clone()));
        self.token.set_value(None);
        self.view.set(None);
        self.view_ended.set(false);
        self.status.set(AuthStatus::Checking);
        return_to.unwrap_or_else(|| crate::paths::ADMIN_HOME.to_string())
    }

    /// Shows `me` as the signed-in user with `token`.
    fn show(&self, token: String, me: MeResponse) {
        self.token.set_value(Some(token));
        if self.user.with_untracked(|u| u.as_ref() != Some(&me.user)) {
            self.user.set(Some(me.user));
        }
        if self.accounts.with_untracked(|a| *a != me.accounts) {
            self.accounts.set(me.accounts);
        }
        if self.status.get_untracked() != AuthStatus::SignedIn {
            self.status.set(AuthStatus::SignedIn);
        }
    }

    pub fn status(&self) -> AuthStatus {
        self.status.get()
    }

    pub fn access_token(&self) -> Option<String> {
        self.token.get_value()
    }

    pub fn user(&self) -> Option<UserProfile> {
        self.user.get()
    }

    /// The signed-in user's id (untracked: for the transport).
    pub fn user_id(&self) -> Option<Uuid> {
        self.user.with_untracked(|u| u.as_ref().map(|u| u.id))
    }

    pub fn accounts(&self) -> Vec<AccountSummary> {
        self.accounts.get()
    }

    /// Signed in with a temporary password: nothing but choosing a new one is allowed.
    pub fn must_change_password(&self) -> bool {
        self.user.with(|u| u.as_ref().is_some_and(|u| u.must_change_password))
    }

    /// The server refused a call with `password_change_required` (403): the guards send the
    /// browser to the forced change.
    pub fn require_password_change(&self) {
        if !self.user.with_untracked(|u| u.as_ref().is_none_or(|u| u.must_change_password)) {
            self.user.update(|u| {
                if let Some(u) = u {
                    u.must_change_password = true;
                }
            });
        }
    }

    pub fn account(&self, id: Uuid) -> Option<AccountSummary> {
        self.accounts.with(|all| all.iter().find(|a| a.id == id).cloned())
    }

    /// The user's own details changed (`PATCH /me`): show them without a token refresh.
    pub fn update_user(&self, user: UserProfile) {
        if self.user.with_untracked(|u| u.as_ref() != Some(&user)) {
            self.user.set(Some(user));
        }
    }

    /// Dealer staff or dealer admin: the store's inbox (`/admin/...`) is theirs.
    pub fn is_staff(&self) -> bool {
        self.user.with(|u| {
            u.as_ref().is_some_and(|u| {
                matches!(u.role, shared::auth::UserRole::DealerStaff | shared::auth::UserRole::DealerAdmin)
            })
        })
    }

    /// A dealer admin, or a platform admin working in a dealer's admin view (H1): manages
    /// the dealer's API clients, users and settings.
    pub fn is_dealer_admin(&self) -> bool {
        self.user.with(|u| {
            u.as_ref().is_some_and(|u| match u.role {
                shared::auth::UserRole::DealerAdmin => true,
                shared::auth::UserRole::PlatformAdmin => u.acting_dealer.is_some(),
                _ => false,
            })
        })
    }

    /// A platform admin (H1): works in the admin view of the dealer they choose.
    pub fn is_platform_admin(&self) -> bool {
        self.user.with(|u| u.as_ref().is_some_and(|u| u.role == shared::auth::UserRole::PlatformAdmin))
    }

    /// The admin screens (`/admin/...`) are this user's: dealer staff and admins, and
    /// platform admins (who pick a dealer there first).
    pub fn uses_admin(&self) -> bool {
        self.is_staff() || self.is_platform_admin()
    }

    /// The dealer whose admin view a platform admin works in, if they chose one.
    pub fn acting_dealer(&self) -> Option<shared::platform::ActingDealer> {
        self.user.with(|u| u.as_ref().and_then(|u| u.acting_dealer.clone()))
    }

    /// The user works inside one dealer's admin view: its staff and admins, or a platform
    /// admin who chose the dealer. Only then do the dealer's screens and API answer.
    pub fn works_for_dealer(&self) -> bool {
        self.is_staff() || self.user.with(|u| u.as_ref().is_some_and(|u| u.acting_dealer.is_some()))
    }

    /// Reads the user afresh (`GET /me`), e.g. after a platform admin chose a dealer.
    pub async fn reload_user(&self) -> Result<(), api::ApiError> {
        let me = api::me(*self).await?;
        self.update_user(me.user);
        Ok(())
    }

    /// Takes a login or refresh answer. Signals only fire when something visible changed.
    pub fn establish(&self, response: SessionResponse) {
        offline::keep_session(&MeResponse {
            user: response.user.clone(),
            accounts: response.accounts.clone(),
        });
        self.sync_language(response.user.language);
        crate::areas::prefetch_after_sign_in(response.user.role != shared::auth::UserRole::Customer);
        self.token.set_value(Some(response.access_token));
        self.logged_out.set_value(false);
        if self.user.with_untracked(|u| u.as_ref() != Some(&response.user)) {
            self.user.set(Some(response.user));
        }
        if self.accounts.with_untracked(|a| *a != response.accounts) {
            self.accounts.set(response.accounts);
        }
        if self.status.get_untracked() != AuthStatus::SignedIn {
            self.status.set(AuthStatus::SignedIn);
        }
    }

    /// The language at sign-in: one picked in this browser since the last sign-in is saved
    /// to the profile (so every device follows); otherwise the profile's is used.
    fn sync_language(self, saved: Option<shared::i18n::Language>) {
        match crate::i18n::take_picked() {
            Some(picked) if saved != Some(picked) => {
                let request =
                    shared::auth::UpdateProfileRequest { language: Some(picked), ..Default::default() };
                leptos::task::spawn_local(async move {
                    // Best effort: the screens already speak it; the next sign-in tries again.
                    if api::update_profile(self, &request).await.is_err() {
                        crate::i18n::choose_language(picked);
                    }
                });
            }
            Some(_) => {}
            None => {
                if let Some(saved) = saved {
                    crate::i18n::adopt_language(saved);
                }
            }
        }
    }

    /// Forgets everything; the guards send the browser to the login page.
    pub fn end(&self) {
        offline::clear();
        self.offline_as_of.set(None);
        self.token.set_value(None);
        self.user.set(None);
        self.accounts.set(Vec::new());
        self.status.set(AuthStatus::SignedOut);
    }

    /// "Log out": like [`Session::end`], but remembers that the user chose it.
    pub fn log_out(&self) {
        self.logged_out.set_value(true);
        self.end();
    }

    /// Logs out here and at the server: without signal, at once here, and the server hears
    /// of it as soon as it can be reached ([`Session::deliver_logout`]), so a reload does not
    /// bring the session back from its cookie.
    pub async fn sign_out(self) {
        if let Err(api::ApiError::Network) = api::logout().await {
            offline::note_logout_pending();
        }
        self.log_out();
    }

    /// Tells the server of a logout made without signal, if one is waiting. True when none
    /// is waiting any more.
    async fn deliver_logout() -> bool {
        if !offline::logout_pending() {
            return true;
        }
        match api::logout().await {
            Err(api::ApiError::Network) => false,
            _ => {
                offline::logout_delivered();
                true
            }
        }
    }

    pub fn logged_out_by_user(&self) -> bool {
        self.logged_out.get_value()
    }

    /// Start-up: back into the view open in this tab, if any (the customer's `/me` with its
    /// token; a view that ended meanwhile shows as ended, with the way back); otherwise try
    /// the refresh cookie once, when the session hint says there is one.
    pub fn restore(self) {
        leptos::task::spawn_local(async move {
            if let Some(view) = stored_view() {
                self.token.set_value(Some(view.token.clone()));
                self.view.set(Some(view.clone()));
                match api::me(self).await {
                    Ok(me) => self.show(view.token, me),
                    Err(_) => {
                        self.mark_view_ended();
                        let user = placeholder_user(&view);
                        self.show(view.token, MeResponse { user, accounts: Vec::new() });
                    }
                }
                return;
            }
            // Logged out without signal: the server hears of it first, and until it has,
            // the cookie it would refresh belongs to a session the user ended.
            if !Self::deliver_logout().await {
                self.end();
                return;
            }
            // Without the server's session hint there is no refresh cookie either: asking
            // would only fail (a 401 in every signed-out visitor's console).
            if !has_session_hint() {
                self.end();
                return;
            }
            match self.refresh_outcome().await {
                Refreshed::Yes => {}
                // No signal: who was signed in, from this browser, until the server answers.
                Refreshed::Unreachable => match offline::kept_session() {
                    Some(me) => {
                        self.user.set(Some(me.user));
                        self.accounts.set(me.accounts);
                        self.status.set(AuthStatus::SignedIn);
                    }
                    None => self.end(),
                },
                Refreshed::Rejected => self.end(),
            }
        });
    }

    /// Refreshes the access token, sharing one request among all callers: the server rotates
    /// the refresh token and treats a second use of the old one as theft.
    pub async fn refresh(&self) -> bool {
        self.refresh_outcome().await == Refreshed::Yes
    }

    /// [`Session::refresh`], telling a refusal from no signal.
    pub async fn refresh_outcome(&self) -> Refreshed {
        if let Some(waiting) = IN_FLIGHT.with(|slot| slot.borrow().clone()) {
            return RefreshWait(waiting).await;
        }
        let flight = Rc::new(RefCell::new(Flight::default()));
        IN_FLIGHT.with(|slot| *slot.borrow_mut() = Some(flight.clone()));
        let ok = match api::refresh().await {
            Ok(response) => {
                self.establish(response);
                Refreshed::Yes
            }
            Err(api::ApiError::Network) => Refreshed::Unreachable,
            Err(_) => Refreshed::Rejected,
        };
        IN_FLIGHT.with(|slot| *slot.borrow_mut() = None);
        let wakers = {
            let mut flight = flight.borrow_mut();
            flight.outcome = Some(ok);
            std::mem::take(&mut flight.wakers)
        };
        wakers.into_iter().for_each(Waker::wake);
        ok
    }
}

/// Whether the session hint cookie (`rp_session=1`, set and cleared by the server together
/// with the HttpOnly refresh cookie, and as long-lived) is there.
fn has_session_hint() -> bool {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.cookie().ok())
        .is_some_and(|cookies| cookies.split(';').any(|c| c.trim() == "rp_session=1"))
}

/// Who a view that could not be reopened was of, for the header until the staff member
/// goes back to their own session.
fn placeholder_user(view: &ActiveView) -> UserProfile {
    UserProfile {
        id: view.subject.user_id,
        email: String::new(),
        display_name: view.subject.user_name.clone(),
        role: shared::auth::UserRole::Customer,
        dealer_id: None,
        must_change_password: false,
        phone: None,
        acting_dealer: None,
        language: None,
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

pub fn provide_session() -> Session {
    let session = Session::new();
    provide_context(session);
    session
}

pub fn use_session() -> Session {
    // The App provides it before any route renders; a fresh signed-out session is the
    // harmless fallback should a component ever be mounted outside it.
    use_context::<Session>().unwrap_or_default()
}

#[derive(Default)]
struct Flight {
    outcome: Option<Refreshed>,
    wakers: Vec<Waker>,
}

thread_local! {
    static IN_FLIGHT: RefCell<Option<Rc<RefCell<Flight>>>> = const { RefCell::new(None) };
}

/// Resolves with the outcome of a refresh someone else started.
struct RefreshWait(Rc<RefCell<Flight>>);

impl Future for RefreshWait {
    type Output = Refreshed;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Refreshed> {
        let mut flight = self.0.borrow_mut();
        match flight.outcome {
            Some(ok) => Poll::Ready(ok),
            None => {
                flight.wakers.push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
