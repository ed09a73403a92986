//! The Branding, Words and Home tiles sections: one set of settings on the server
//! (`/admin/settings/branding`), three cards here, each saving its own part. Colours are
//! checked as they are typed with the server's own rule (`shared::contrast`), which says
//! which text colour passes; the preview shows the customer home in them.

use leptos::prelude::*;
use shared::branding::{Branding, Terminology};
use shared::contrast::{AA_NORMAL_TEXT, ColourProblem, TextContrast, check_brand_colour};
use shared::settings::{BrandingSettings, HomeTile, MAX_LOGO_BYTES, MAX_WELCOME_CHARS};

use super::SavedNote;
use crate::api;
use crate::components::form::ChoiceGrid;
use crate::components::icons::{Icon, IconSvg};
use crate::components::status::{ErrorPanel, SkeletonList, Spinner};
use crate::format::{colour_style, logo_full};
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
    Tiles,
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
                        message: problem.to_string(),
                    });
                }
            }
        }
        if part == Part::Tiles && body.home_tiles.is_empty() {
            found.push(shared::error::FieldError {
                field: "home_tiles".into(),
                message: "Show at least one tile on the home screen.".into(),
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
            <h2 class="card-title">"Branding"</h2>
            <p class="card-lead">"Your colours on the customer screens. Each must keep white or dark text readable on it (WCAG AA, 4.5:1); the portal uses whichever passes."</p>
            <div class="colour-fields">
                <ColourField label="Primary colour" hint="Header, buttons and the featured tile" testid="primary" value=primary error=field_error("primary_color") />
                <ColourField label="Accent colour" hint="Highlights and the featured tile's icon" testid="accent" value=accent error=field_error("accent_color") />
            </div>
            <Preview primary=primary accent=accent logo_url=logo_url name=dealer_name terminology=terminology />
            <LogoField logo_url=logo_url />
            {move || error_of(Part::Colours).get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="settings-actions">
                <SaveButton part=Part::Colours busy=busy testid="settings-branding-save" label="Save colours" />
                <SavedNote shown=Signal::derive(move || done.get() == Some(Part::Colours)) testid="settings-branding-saved" />
            </div>
        </form>

        <form class="card settings-card" id="settings-words" data-testid="settings-words" on:submit=submit(Part::Words) novalidate>
            <h2 class="card-title">"Words"</h2>
            <div class="field">
                <label class="field-label" for="settings-welcome">"Welcome message"<span class="field-optional">" (optional)"</span></label>
                <textarea
                    id="settings-welcome"
                    class="input textarea"
                    rows="3"
                    maxlength=MAX_WELCOME_CHARS.to_string()
                    data-testid="settings-welcome"
                    placeholder="Everything you have on rent with us, in one place."
                    aria-invalid=move || field_error("welcome_message").get().is_some().to_string()
                    prop:value=move || welcome.get()
                    on:input=move |ev| { welcome.set(event_target_value(&ev)); done.set(None); }
                ></textarea>
                <p class="field-hint">{move || format!("Shown at the top of the customer's home. {} of {MAX_WELCOME_CHARS} characters.", welcome_count())}</p>
                {move || field_error("welcome_message").get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <fieldset class="field plain-fieldset">
                <legend class="field-label">"Your customers rent or hire"</legend>
                <ChoiceGrid
                    class="choice-grid"
                    label="Terminology"
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
                <SaveButton part=Part::Words busy=busy testid="settings-words-save" label="Save words" />
                <SavedNote shown=Signal::derive(move || done.get() == Some(Part::Words)) testid="settings-words-saved" />
            </div>
        </form>

        <form class="card settings-card" id="settings-tiles" data-testid="settings-tiles" on:submit=submit(Part::Tiles) novalidate>
            <h2 class="card-title">"Home tiles"</h2>
            <p class="card-lead">"The tiles on your customers' home screen. Call-off and Pay also need the customer's permission."</p>
            <fieldset class="perm-set tile-set" aria-label="Tiles shown">
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
                        <span>{move || tile.label(terminology.get())}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            {move || field_error("home_tiles").get().map(|m| view! { <p class="field-error" data-testid="settings-tiles-error">{m}</p> })}
            {move || error_of(Part::Tiles).get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="settings-actions">
                <SaveButton part=Part::Tiles busy=busy testid="settings-tiles-save" label="Save tiles" />
                <SavedNote shown=Signal::derive(move || done.get() == Some(Part::Tiles)) testid="settings-tiles-saved" />
            </div>
        </form>
    }
}

fn terminology_text(words: Terminology) -> &'static str {
    match words {
        Terminology::Rentals => "Rentals — \u{201c}My Rentals\u{201d}, \u{201c}Call off\u{201d}",
        Terminology::Hires => "Hires — \u{201c}My Hires\u{201d}, \u{201c}Off-hire\u{201d}",
    }
}

#[component]
fn SaveButton(
    part: Part,
    busy: RwSignal<Option<Part>>,
    testid: &'static str,
    label: &'static str,
) -> impl IntoView {
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
    label: &'static str,
    hint: &'static str,
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
                <input type="color" class="colour-swatch" aria-label=format!("{label} picker")
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
                        <p class="contrast-verdict contrast-bad">"Write the colour as #rrggbb, e.g. #1d4ed8."</p>
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
    let row = |name: &'static str, text: &'static str, ratio: f64| {
        let passes = ratio >= AA_NORMAL_TEXT;
        view! {
            <li class="contrast-row">
                // A picture of the pairing, failing ones included on purpose; the ratio beside
                // it says the same in words.
                <span class="contrast-sample" aria-hidden="true" style=format!("background:{};color:{text}", contrast.colour)>"Aa"</span>
                <span>{format!("{name} text {ratio:.1}:1")}</span>
                <span class=if passes { "contrast-pass" } else { "contrast-fail" }>
                    {if passes { "passes AA" } else { "fails AA" }}
                </span>
            </li>
        }
    };
    let verdict = match contrast.text() {
        Some(text) => format!(
            "Readable: buttons and the featured tile use {} text.{}",
            text.label(),
            if contrast.white_passes() {
                ""
            } else {
                " Links use dark text, as this colour is too light for text on white."
            }
        ),
        None => format!(
            "Too low: neither text colour reaches {AA_NORMAL_TEXT}:1. Choose a darker shade (for white text) or a lighter one (for dark text)."
        ),
    };
    let ok = contrast.text().is_some();
    view! {
        <ul class="contrast-list">
            {row("White", shared::contrast::WHITE_TEXT, contrast.white)}
            {row("Dark", shared::contrast::DARK_TEXT, contrast.dark)}
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
            <span class="field-label">"Preview"</span>
            <div class="brand-preview" style=style data-testid="settings-preview" aria-label="Preview of the customer home">
                <div class="brand-preview-head">
                    {move || logo_full(logo_url.get().as_deref()).map(|src| view! { <img class="brand-logo" src=src alt="" width="32" height="32" /> })}
                    <span class="brand-name">{name}</span>
                </div>
                <div class="brand-preview-body">
                    <div class="tile tile-featured" data-testid="settings-preview-tile">
                        <span class="tile-icon"><IconSvg icon=Icon::Truck /></span>
                        <span class="tile-text">
                            <span class="tile-title">{move || terminology.get().my_items()}</span>
                            <span class="tile-desc">{move || format!("Items {} now, coming and returned", terminology.get().on_rent())}</span>
                        </span>
                    </div>
                    <span class="btn btn-primary brand-preview-button">"Pay now"</span>
                    <a class="brand-preview-link" href="#settings-branding" on:click=|ev| ev.prevent_default()>"A link"</a>
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
    let done = RwSignal::new(None::<&'static str>);

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        error.set(None);
        done.set(None);
        if file.size() > MAX_LOGO_BYTES as f64 {
            error.set(Some("The logo is larger than 512 KB. Export it smaller, or as SVG.".into()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::admin_upload_logo(session, &file).await {
                Ok(logo) => {
                    logo_url.set(Some(logo.logo_url));
                    done.set(Some("Logo uploaded. Customers see it on their next page load."));
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
                    done.set(Some("Logo removed: your name shows instead."));
                }
                Err(e) => error.set(Some(e.message())),
            }
            confirm_remove.set(false);
            busy.set(false);
        });
    };

    view! {
        <div class="field logo-field">
            <span class="field-label">"Logo"</span>
            <div class="logo-row">
                <div class="logo-frame" data-testid="settings-logo-current">
                    {move || match logo_full(logo_url.get().as_deref()) {
                        Some(src) => view! { <img src=src alt="Current logo" data-testid="settings-logo-image" /> }.into_any(),
                        None => view! { <span class="logo-none">"No logo"</span> }.into_any(),
                    }}
                </div>
                <div class="logo-actions">
                    <label class="btn btn-secondary file-button" class:btn-busy=move || busy.get()>
                        <Show when=move || busy.get()><Spinner /></Show>
                        <IconSvg icon=Icon::Download />
                        "Upload logo"
                        <input type="file" class="sr-only" accept="image/png,image/jpeg,image/svg+xml,.svg"
                            data-testid="settings-logo-file" disabled=move || busy.get() on:change=on_file />
                    </label>
                    <Show when=move || logo_url.get().is_some() && !confirm_remove.get()>
                        <button type="button" class="btn btn-ghost btn-danger-text" data-testid="settings-logo-remove"
                            on:click=move |_| confirm_remove.set(true)>"Remove"</button>
                    </Show>
                </div>
            </div>
            <p class="field-hint">"PNG, JPEG or SVG, up to 512 KB. A square or wide logo on a transparent background works best."</p>
            <Show when=move || confirm_remove.get()>
                <div class="confirm-inline" role="group" data-testid="settings-logo-confirm">
                    <p>"Customers will see your name instead of the logo. Remove it?"</p>
                    <div class="client-actions">
                        <button type="button" class="btn btn-danger" data-testid="settings-logo-confirm-yes" disabled=move || busy.get() on:click=remove>
                            "Remove logo"
                        </button>
                        <button type="button" class="btn btn-ghost" data-testid="settings-logo-confirm-no" on:click=move |_| confirm_remove.set(false)>
                            "Cancel"
                        </button>
                    </div>
                </div>
            </Show>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert" data-testid="settings-logo-error">{m}</p> })}
            {move || done.get().map(|m| view! { <p class="saved-note" role="status" data-testid="settings-logo-done">{m}</p> })}
        </div>
    }
}
