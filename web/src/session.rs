//! Who is signed in: the in-memory access token, the user and their accounts, and the one
//! refresh at a time that keeps them alive.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use shared::accounts::AccountSummary;
use shared::auth::{SessionResponse, UserProfile};
use uuid::Uuid;

use crate::api;

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
}

impl Session {
    pub fn new() -> Self {
        Self {
            status: RwSignal::new(AuthStatus::Checking),
            token: StoredValue::new(None),
            user: RwSignal::new(None),
            accounts: RwSignal::new(Vec::new()),
            logged_out: StoredValue::new(false),
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

    /// A dealer admin: manages the dealer's API clients, users and settings.
    pub fn is_dealer_admin(&self) -> bool {
        self.user.with(|u| u.as_ref().is_some_and(|u| u.role == shared::auth::UserRole::DealerAdmin))
    }

    /// Takes a login or refresh answer. Signals only fire when something visible changed.
    pub fn establish(&self, response: SessionResponse) {
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

    /// Forgets everything; the guards send the browser to the login page.
    pub fn end(&self) {
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

    pub fn logged_out_by_user(&self) -> bool {
        self.logged_out.get_value()
    }

    /// Start-up: try the refresh cookie once.
    pub fn restore(self) {
        leptos::task::spawn_local(async move {
            if !self.refresh().await {
                self.end();
            }
        });
    }

    /// Refreshes the access token, sharing one request among all callers: the server rotates
    /// the refresh token and treats a second use of the old one as theft.
    pub async fn refresh(&self) -> bool {
        if let Some(waiting) = IN_FLIGHT.with(|slot| slot.borrow().clone()) {
            return RefreshWait(waiting).await;
        }
        let flight = Rc::new(RefCell::new(Flight::default()));
        IN_FLIGHT.with(|slot| *slot.borrow_mut() = Some(flight.clone()));
        let ok = match api::refresh().await {
            Ok(response) => {
                self.establish(response);
                true
            }
            Err(_) => false,
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
    outcome: Option<bool>,
    wakers: Vec<Waker>,
}

thread_local! {
    static IN_FLIGHT: RefCell<Option<Rc<RefCell<Flight>>>> = const { RefCell::new(None) };
}

/// Resolves with the outcome of a refresh someone else started.
struct RefreshWait(Rc<RefCell<Flight>>);

impl Future for RefreshWait {
    type Output = bool;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
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
