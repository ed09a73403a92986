//! What one sign-in screen hands the next in memory, never in the URL: the login typed on
//! the login screen and the phone number to register with.

use leptos::prelude::*;

/// The email or phone number typed on the login screen, kept in memory only, so that
/// "Forgot password?" starts from it and "Back to log in" keeps it.
#[derive(Clone, Copy)]
struct LoginDraft(RwSignal<String>);

/// The phone number that was typed as both login and password on the login screen, handed
/// to the registration step. Taken once by that screen.
#[derive(Clone, Copy)]
struct RegisterDraft(RwSignal<Option<String>>);

/// Makes both drafts available below the app root; called once by the app.
pub fn provide_drafts() {
    provide_context(LoginDraft(RwSignal::new(String::new())));
    provide_context(RegisterDraft(RwSignal::new(None)));
}

pub fn use_login_draft() -> RwSignal<String> {
    use_context::<LoginDraft>().map_or_else(|| RwSignal::new(String::new()), |draft| draft.0)
}

pub fn use_register_draft() -> RwSignal<Option<String>> {
    use_context::<RegisterDraft>().map_or_else(|| RwSignal::new(None), |draft| draft.0)
}
