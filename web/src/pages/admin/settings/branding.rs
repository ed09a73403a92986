//! The Branding, Words, Languages and Home tiles sections: one set of settings on the server
//! (`/admin/settings/branding`), four cards here, each saving its own part. Colours are
//! checked as they are typed with the server's own rule (`shared::contrast`), which says
//! which text colour passes; the preview shows the customer home in them.

use leptos::prelude::*;
use shared::branding::{Branding, Terminology};
use shared::contrast::{AA_NORMAL_TEXT, ColourProblem, TextColour, TextContrast, check_brand_colour};
use shared::i18n::Language;
use shared::settings::{BrandingSettings, HomeTile, MAX_LOGO_BYTES, MAX_WELCOME_CHARS};

use super::SavedNote;
use crate::api;
use crate::components::form::ChoiceGrid;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::format::{colour_style, logo_full};
use crate::i18n::{Label, terms_arg, tr, tr_with};
use crate::session::use_session;

#[component]
pub fn BrandingSections() -> impl IntoView {
    let session = use_session();
    let loaded = LocalResource::new(move || async move {
        let settings = api::admin_branding_settings(session).await?;
        let dealer = api::admin_branding(session).await?;
        Ok::<_, api::ApiError>((settings, dealer))
    });
    let forms = move || {
        Suspend::new(async move {
            match loaded.await {
                Ok((settings, dealer)) => {
                    view! { <BrandingForms settings=settings dealer=dealer /> }.into_any()
                }
                Err(error) => {
                    view! { <ErrorPanel error=error on_retry=move |()| loaded.refetch() /> }.into_any()
                }
            }
        })
    };
    view! { <Suspense fallback=|| view! { <SkeletonList rows=4 /> }>{forms}</Suspense> }
}

/// Which part of the branding settings a card saves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Colours,
    Words,
    Languages,
    Tiles,
}

/// What is wrong with a brand colour, as the server would say it.
fn colour_problem_text(problem: &ColourProblem) -> String {
    match problem {
        ColourProblem::Malformed => tr("admin-settings-colour-malformed"),
        ColourProblem::LowContrast(c) => {
            let args = [
                ("colour", c.colour.to_string().into()),
                ("white", format!("{:.1}", c.white).into()),
                ("dark", format!("{:.1}", c.dark).into()),
                ("needed", AA_NORMAL_TEXT.to_string().into()),
            ];
            tr_with("admin-settings-colour-low-contrast", &args)
        }
    }
}

#[component]
fn BrandingForms(settings: BrandingSettings, dealer: Branding) -> impl IntoView {
    let session = use_session();
    let saved = RwSignal::new(settings.clone());
    let primary = RwSignal::new(settings.primary_color.clone());
    let accent = RwSignal::new(settings.accent_color.clone());
    let welcome = RwSignal::new(settings.welcome_message.clone().unwrap_or_default());
    let terminology = RwSignal::new(settings.terminology);
    let tiles = RwSignal::new(settings.home_tiles.clone());
    let languages = RwSignal::new(settings.languages.clone());
    let logo_url = RwSignal::new(dealer.logo_url.clone());
    let busy = RwSignal::new(None::<Part>);
    let done = RwSignal::new(None::<Part>);
    let errors = RwSignal::new(Vec::<shared::error::FieldError>::new());
    let form_error = RwSignal::new(None::<(Part, String)>);
    let field_error = move |name: &'static str| {
        Signal::derive(move || errors.with(|e| e.iter().find(|f| f.field == name).map(|f| f.message.clone())))
    };

    let save = move |part: Part| {
        let mut body = saved.get_untracked();
        match part {
            Part::Colours => {
                body.primary_color = primary.get_untracked().trim().to_string();
                body.accent_color = accent.get_untracked().trim().to_string();
            }
            Part::Words => {
                let text = welcome.get_untracked();
                body.welcome_message = Some(text.trim().to_string()).filter(|t| !t.is_empty());
                body.terminology = terminology.get_untracked();
            }
            Part::Languages => body.languages = languages.get_untracked(),
            Part::Tiles => body.home_tiles = tiles.get_untracked(),
        }
        // The server's own rules first, so the common slips need no round trip.
        let mut found = Vec::new();
        if part == Part::Colours {
            for (field, value) in
                [("primary_color", &body.primary_color), ("accent_color", &body.accent_color)]
            {
                if let Err(problem) = check_brand_colour(value) {
                    found.push(shared::error::FieldError {
                        field: field.into(),
                        message: colour_problem_text(&problem),
                    });
                }
            }
        }
        if part == Part::Tiles && body.home_tiles.is_empty() {
            found.push(shared::error::FieldError {
                field: "home_tiles".into(),
                message: tr("admin-settings-tiles-missing"),
            });
        }
        done.set(None);
        form_error.set(None);
        let invalid = !found.is_empty();
        errors.set(found);
        if invalid {
            return;
        }
        busy.set(Some(part));
        leptos::task::spawn_local(async move {
            match api::admin_update_branding_settings(session, &body).await {
                Ok(stored) => {
                    primary.set(stored.primary_color.clone());
                    accent.set(stored.accent_color.clone());
                    welcome.set(stored.welcome_message.clone().unwrap_or_default());
                    terminology.set(stored.terminology);
                    tiles.set(stored.home_tiles.clone());
                    languages.set(stored.languages.clone());
                    saved.set(stored);
                    done.set(Some(part));
                }
                Err(e) => {
                    let fields = match &e {
                        api::ApiError::Problem(p) => p.errors.clone(),
                        _ => Vec::new(),
                    };
                    if fields.is_empty() {
                        form_error.set(Some((part, e.message())));
                    }
                    errors.set(fields);
                }
            }
            busy.set(None);
        });
    };
    let submit = move |part: Part| {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked().is_none() {
                save(part);
            }
        }
    };
    let error_of = move |part: Part| {
        Signal::derive(move || form_error.get().filter(|(p, _)| *p == part).map(|(_, m)| m))
    };
    let welcome_count = move || welcome.with(|w| w.trim().chars().count());
    let dealer_name = dealer.name.clone();

    view! {
        <form class="card settings-card" id="settings-branding" data-testid="settings-branding" on:submit=submit(Part::Colours) novalidate>
            <h2 class="card-title">{move || tr("admin-settings-branding")}</h2>
            <p class="card-lead">{move || tr("admin-settings-branding-lead")}</p>
            <div class="colour-fields">
                <ColourField label=|| tr("admin-settings-primary") hint=|| tr("admin-settings-primary-hint") testid="primary" value=primary error=field_error("primary_color") />
                <ColourField label=|| tr("admin-settings-accent") hint=|| tr("admin-settings-accent-hint") testid="accent" value=accent error=field_error("accent_color") />
            </div>
            <Preview primary=primary accent=accent logo_url=logo_url name=dealer_name terminology=terminology />
            <LogoField logo_url=logo_url />
            {move || error_of(Part::Colours).get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="settings-actions">
                <SaveButton part=Part::Colours busy=busy testid="settings-branding-save" label=|| tr("admin-settings-save-colours") />
                <SavedNote shown=Signal::derive(move || done.get() == Some(Part::Colours)) testid="settings-branding-saved" />
            </div>
        </form>

        <form class="card settings-card" id="settings-words" data-testid="settings-words" on:submit=submit(Part::Words) novalidate>
            <h2 class="card-title">{move || tr("admin-settings-words")}</h2>
            <div class="field">
                <label class="field-label" for="settings-welcome">
                    {move || tr("admin-settings-welcome")}<span class="field-optional">" "{move || tr("admin-optional")}</span>
                </label>
                <textarea
                    id="settings-welcome"
                    class="input textarea"
                    rows="3"
                    maxlength=MAX_WELCOME_CHARS.to_string()
                    data-testid="settings-welcome"
                    placeholder=move || tr("admin-settings-welcome-placeholder")
                    aria-invalid=move || field_error("welcome_message").get().is_some().to_string()
                    prop:value=move || welcome.get()
                    on:input=move |ev| { welcome.set(event_target_value(&ev)); done.set(None); }
                ></textarea>
                <p class="field-hint">
                    {move || tr_with("admin-settings-welcome-hint", &[("count", welcome_count().into()), ("max", MAX_WELCOME_CHARS.into())])}
                </p>
                {move || field_error("welcome_message").get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <fieldset class="field plain-fieldset">
                <legend class="field-label">{move || tr("admin-settings-rent-or-hire")}</legend>
                <ChoiceGrid
                    class="choice-grid"
                    label=move || tr("admin-settings-terminology")
                    name="terminology"
                    testid="settings-terminology"
                    options=vec![Terminology::Rentals, Terminology::Hires]
                    value=Terminology::as_str
                    text=terminology_text
                    picked=terminology
                />
            </fieldset>
            {move || error_of(Part::Words).get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="settings-actions">
                <SaveButton part=Part::Words busy=busy testid="settings-words-save" label=|| tr("admin-settings-save-words") />
                <SavedNote shown=Signal::derive(move || done.get() == Some(Part::Words)) testid="settings-words-saved" />
            </div>
        </form>

        <form class="card settings-card" id="settings-languages" data-testid="settings-languages" on:submit=submit(Part::Languages) novalidate>
            <h2 class="card-title">{move || tr("admin-settings-languages")}</h2>
            <p class="card-lead">{move || tr("admin-settings-languages-lead")}</p>
            <fieldset class="perm-set" aria-label=move || tr("admin-settings-languages")>
                {Language::ALL.into_iter().map(|language| {
                    let offered = move || languages.with(|l| l.contains(&language));
                    view! {
                        <label class="perm">
                            <input
                                type="checkbox"
                                data-testid=format!("settings-language-{}", language.tag())
                                prop:checked=offered
                                // The last language offered stays: customers need one.
                                disabled=move || offered() && languages.with(|l| l.len() == 1)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    languages.update(|l| {
                                        *l = Language::ALL
                                            .into_iter()
                                            .filter(|x| if *x == language { on } else { l.contains(x) })
                                            .collect();
                                    });
                                    done.set(None);
                                }
                            />
                            <span lang=language.tag()>{language.native_name()}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {move || field_error("languages").get().map(|m| view! { <p class="field-error" data-testid="settings-languages-error">{m}</p> })}
            {move || error_of(Part::Languages).get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="settings-actions">
                <SaveButton part=Part::Languages busy=busy testid="settings-languages-save" label=|| tr("admin-settings-save-languages") />
                <SavedNote shown=Signal::derive(move || done.get() == Some(Part::Languages)) testid="settings-languages-saved" />
            </div>
        </form>

        <form class="card settings-card" id="settings-tiles" data-testid="settings-tiles" on:submit=submit(Part::Tiles) novalidate>
            <h2 class="card-title">{move || tr("admin-settings-tiles")}</h2>
            <p class="card-lead">{move || tr("admin-settings-tiles-lead")}</p>
            <fieldset class="perm-set tile-set" aria-label=move || tr("admin-settings-tiles-shown")>
                {HomeTile::ALL.into_iter().map(|tile| view! {
                    <label class="perm">
                        <input
                            type="checkbox"
                            data-testid=format!("settings-tile-{}", tile.as_str())
                            prop:checked=move || tiles.with(|t| t.contains(&tile))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                tiles.update(|t| {
                                    t.retain(|x| *x != tile);
                                    if on {
                                        t.push(tile);
                                    }
                                    *t = HomeTile::ordered(t);
                                });
                                done.set(None);
                            }
                        />
                        <span>{move || tile_label(tile, terminology.get())}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            {move || field_error("home_tiles").get().map(|m| view! { <p class="field-error" data-testid="settings-tiles-error">{m}</p> })}
            {move || error_of(Part::Tiles).get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="settings-actions">
                <SaveButton part=Part::Tiles busy=busy testid="settings-tiles-save" label=|| tr("admin-settings-save-tiles") />
                <SavedNote shown=Signal::derive(move || done.get() == Some(Part::Tiles)) testid="settings-tiles-saved" />
            </div>
        </form>
    }
}

fn terminology_text(words: Terminology) -> String {
    match words {
        Terminology::Rentals => tr("admin-settings-terminology-rentals"),
        Terminology::Hires => tr("admin-settings-terminology-hires"),
    }
}

/// A home tile's title as the customer's home shows it, in the dealer's words.
fn tile_label(tile: HomeTile, words: Terminology) -> String {
    match tile {
        HomeTile::Rentals => tr_with("nav-my-items", &[terms_arg(words)]),
        HomeTile::CallOff => tr_with("call-off", &[terms_arg(words)]),
        HomeTile::Invoices => tr("home-invoices"),
        HomeTile::Pay => tr("home-pay"),
        HomeTile::Reservations => tr("home-reservations"),
        HomeTile::Quotes => tr("home-quotes"),
        HomeTile::Contracts => tr("home-contracts"),
        HomeTile::Requests => tr("home-requests"),
        HomeTile::Tracking => tr("home-tracking"),
        HomeTile::Feedback => tr("home-feedback"),
        HomeTile::Contact => tr("home-contact"),
    }
}

#[component]
fn SaveButton(part: Part, busy: RwSignal<Option<Part>>, testid: &'static str, label: Label) -> impl IntoView {
    view! {
        <button type="submit" class="btn btn-primary" data-testid=testid disabled=move || busy.get().is_some()
            aria-busy=move || (busy.get() == Some(part)).to_string()>
            <Show when=move || busy.get() == Some(part)><Spinner /></Show>
            {label}
        </button>
    }
}

/// A brand colour: the picker, the hex text, and what text reads on it.
#[component]
fn ColourField(
    label: Label,
    hint: Label,
    testid: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("settings-{testid}");
    let check = Memo::new(move |_| check_brand_colour(&value.get()));
    // The picker wants #rrggbb; while the text is half typed it keeps the last good colour.
    let picker = Memo::new(move |previous: Option<&String>| match check_brand_colour(&value.get()) {
        Ok(c) | Err(ColourProblem::LowContrast(c)) => c.colour.to_string(),
        Err(ColourProblem::Malformed) => previous.cloned().unwrap_or_else(|| "#000000".to_string()),
    });
    view! {
        <div class="field colour-field">
            <label class="field-label" for=id.clone()>{label}</label>
            <div class="colour-row">
                <input type="color" class="colour-swatch" aria-label=move || tr_with("admin-settings-colour-picker", &[("label", label().into())])
                    data-testid=format!("settings-{testid}-picker")
                    prop:value=move || picker.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <input id=id class="input mono colour-hex" maxlength="7" spellcheck="false" autocomplete="off"
                    data-testid=format!("settings-{testid}")
                    aria-invalid=move || (error.get().is_some() || check.get().is_err()).to_string()
                    aria-describedby=format!("settings-{testid}-contrast")
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
            <p class="field-hint">{hint}</p>
            <div id=format!("settings-{testid}-contrast") class="contrast" data-testid=format!("settings-{testid}-contrast") aria-live="polite">
                {move || match check.get() {
                    Err(ColourProblem::Malformed) => view! {
                        <p class="contrast-verdict contrast-bad">{tr("admin-settings-colour-format")}</p>
                    }.into_any(),
                    Ok(c) | Err(ColourProblem::LowContrast(c)) => view! { <ContrastRows contrast=c /> }.into_any(),
                }}
            </div>
            {move || error.get().map(|m| view! { <p class="field-error" data-testid=format!("settings-{testid}-error")>{m}</p> })}
        </div>
    }
}

/// Both text colours on a brand colour, with their ratios and the verdict in words.
#[component]
fn ContrastRows(contrast: TextContrast) -> impl IntoView {
    let row = |name: String, text: &'static str, ratio: f64| {
        let passes = ratio >= AA_NORMAL_TEXT;
        view! {
            <li class="contrast-row">
                // A picture of the pairing, failing ones included on purpose; the ratio beside
                // it says the same in words.
                <span class="contrast-sample" aria-hidden="true" style=format!("background:{};color:{text}", contrast.colour)>"Aa"</span>
                <span>{name}</span>
                <span class=if passes { "contrast-pass" } else { "contrast-fail" }>
                    {if passes { tr("admin-settings-contrast-passes") } else { tr("admin-settings-contrast-fails") }}
                </span>
            </li>
        }
    };
    let verdict = match contrast.text() {
        Some(text) => {
            let readable = match text {
                TextColour::White => tr("admin-settings-contrast-readable-white"),
                TextColour::Dark => tr("admin-settings-contrast-readable-dark"),
            };
            if contrast.white_passes() {
                readable
            } else {
                format!("{readable} {}", tr("admin-settings-contrast-links-dark"))
            }
        }
        None => tr_with("admin-settings-contrast-too-low", &[("needed", AA_NORMAL_TEXT.to_string().into())]),
    };
    let ratio = |ratio: f64| format!("{ratio:.1}");
    let ok = contrast.text().is_some();
    view! {
        <ul class="contrast-list">
            {row(tr_with("admin-settings-contrast-white", &[("ratio", ratio(contrast.white).into())]), shared::contrast::WHITE_TEXT, contrast.white)}
            {row(tr_with("admin-settings-contrast-dark", &[("ratio", ratio(contrast.dark).into())]), shared::contrast::DARK_TEXT, contrast.dark)}
        </ul>
        <p class=if ok { "contrast-verdict contrast-good" } else { "contrast-verdict contrast-bad" }>{verdict}</p>
    }
}

/// The customer's home in the colours being edited: header, welcome and the featured tile.
#[component]
fn Preview(
    primary: RwSignal<String>,
    accent: RwSignal<String>,
    logo_url: RwSignal<Option<String>>,
    name: String,
    terminology: RwSignal<Terminology>,
) -> impl IntoView {
    let style = move || {
        let ok = |v: &str| check_brand_colour(v).map(|c| c.colour.to_string()).ok();
        let (p, a) = (ok(&primary.get()), ok(&accent.get()));
        colour_style(
            &p.unwrap_or_else(|| crate::format::NEUTRAL_PRIMARY.into()),
            &a.unwrap_or_else(|| crate::format::NEUTRAL_ACCENT.into()),
        )
    };
    view! {
        <div class="field">
            <span class="field-label">{move || tr("admin-settings-preview")}</span>
            <div class="brand-preview" style=style data-testid="settings-preview" aria-label=move || tr("admin-settings-preview-label")>
                <div class="brand-preview-head">
                    {move || logo_full(logo_url.get().as_deref()).map(|src| view! { <img class="brand-logo" src=src alt="" width="32" height="32" /> })}
                    <span class="brand-name">{name}</span>
                </div>
                <div class="brand-preview-body">
                    <div class="tile tile-featured" data-testid="settings-preview-tile">
                        <span class="tile-icon"><IconSvg icon=Icon::Truck /></span>
                        <span class="tile-text">
                            <span class="tile-title">{move || tr_with("nav-my-items", &[terms_arg(terminology.get())])}</span>
                            <span class="tile-desc">{move || tr_with("home-rentals-default", &[terms_arg(terminology.get())])}</span>
                        </span>
                    </div>
                    <span class="btn btn-primary brand-preview-button">{move || tr("admin-settings-preview-pay")}</span>
                    <a class="brand-preview-link" href="#settings-branding" on:click=|ev| ev.prevent_default()>{move || tr("admin-settings-preview-link")}</a>
                </div>
            </div>
        </div>
    }
}

/// The logo: what shows now, upload a new one (checked by the server), remove it (confirmed).
#[component]
fn LogoField(logo_url: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm_remove = RwSignal::new(false);
    let done = RwSignal::new(None::<Label>);

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        error.set(None);
        done.set(None);
        if file.size() > MAX_LOGO_BYTES as f64 {
            error.set(Some(tr("admin-settings-logo-too-large")));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_upload_logo(session, &file).await {
                Ok(logo) => {
                    logo_url.set(Some(logo.logo_url));
                    done.set(Some(|| tr("admin-settings-logo-uploaded")));
                }
                Err(e) => error.set(Some(e.field_message("logo").unwrap_or_else(|| e.message()))),
            }
            busy.set(false);
        });
    };
    let remove = move |_| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::admin_remove_logo(session).await {
                Ok(()) => {
                    logo_url.set(None);
                    done.set(Some(|| tr("admin-settings-logo-removed")));
                }
                Err(e) => error.set(Some(e.message())),
            }
            confirm_remove.set(false);
            busy.set(false);
        });
    };

    view! {
        <div class="field logo-field">
            <span class="field-label">{move || tr("admin-settings-logo")}</span>
            <div class="logo-row">
                <div class="logo-frame" data-testid="settings-logo-current">
                    {move || match logo_full(logo_url.get().as_deref()) {
                        Some(src) => view! { <img src=src alt=tr("admin-settings-logo-current") data-testid="settings-logo-image" /> }.into_any(),
                        None => view! { <span class="logo-none">{tr("admin-settings-logo-none")}</span> }.into_any(),
                    }}
                </div>
                <div class="logo-actions">
                    <label class="btn btn-secondary file-button" class:btn-busy=move || busy.get()>
                        <Show when=move || busy.get()><Spinner /></Show>
                        <IconSvg icon=Icon::Download />
                        {move || tr("admin-settings-logo-upload")}
                        <input type="file" class="sr-only" accept="image/png,image/jpeg,image/svg+xml,.svg"
                            data-testid="settings-logo-file" disabled=move || busy.get() on:change=on_file />
                    </label>
                    <Show when=move || logo_url.get().is_some() && !confirm_remove.get()>
                        <button type="button" class="btn btn-ghost btn-danger-text" data-testid="settings-logo-remove"
                            on:click=move |_| confirm_remove.set(true)>{move || tr("admin-settings-logo-remove")}</button>
                    </Show>
                </div>
            </div>
            <p class="field-hint">{move || tr("admin-settings-logo-hint")}</p>
            <Show when=move || confirm_remove.get()>
                <div class="confirm-inline" role="group" data-testid="settings-logo-confirm">
                    <p>{move || tr("admin-settings-logo-remove-question")}</p>
                    <div class="client-actions">
                        <button type="button" class="btn btn-danger" data-testid="settings-logo-confirm-yes" disabled=move || busy.get() on:click=remove>
                            {move || tr("admin-settings-logo-remove-yes")}
                        </button>
                        <button type="button" class="btn btn-ghost" data-testid="settings-logo-confirm-no" on:click=move |_| confirm_remove.set(false)>
                            {move || tr("admin-cancel")}
                        </button>
                    </div>
                </div>
            </Show>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert" data-testid="settings-logo-error">{m}</p> })}
            {move || done.get().map(|m| view! { <p class="saved-note" role="status" data-testid="settings-logo-done">{m}</p> })}
        </div>
    }
}
