# English: the source; every other language has exactly these ids — the shell of the web app: login, language, sections, account menu, no signal. Compiled into the main module (English) or fetched at start.
# $terms is the dealer's word: rentals or hires.

## Login and language
login-title = Log in to your account
login-subtitle = See your contracts, { $terms ->
        [hires] hires
       *[rentals] rentals
    } and quotes in one place.
login-field = Email or phone number
login-password = Password
login-submit = Log in
login-submitting = Logging in…
login-missing = Enter your email or phone number and your password.
login-forgot = Forgot password?
login-first-time = First time here?
login-register = Register with your account phone
login-no-login = No login yet?
login-signup = Create your account
login-help = Trouble logging in? Call { $dealer } at
language-label = Language
dev-mailbox = Dev mailbox

## Sections
nav-home = Home
nav-my-items = { $terms ->
        [hires] My Hires
       *[rentals] My Rentals
    }
nav-items-short = { $terms ->
        [hires] Hires
       *[rentals] Rentals
    }
nav-contracts = Contracts
nav-invoices = Invoices
nav-payments = Payments
nav-requests = Requests
nav-tracking = Tracking
nav-contact = Contact the store
nav-sections = Sections
nav-account = Account

## Header
header-inbox = Inbox
header-account-number = Account { $number }
header-switch-account = Switch account
header-all-accounts = All accounts

## Account menu
menu-your-details = Your details
menu-change-password = Change password
menu-log-out = Log out
menu-log-out-all = Log out of all devices
menu-your-login = Your login:
menu-users = Users of this account
menu-exit-view = Exit view
logout-all-title = Log out of all devices?
logout-all-text = You will be logged out here and on every phone, tablet and computer where you are logged in. You can log in again with your password.
logout-all-cancel = Cancel
logout-all-confirm = Log out everywhere

## Without signal
offline-banner-title = Offline — as of { $time }
offline-banner-text = Showing what you last saw. Requests and payments need a connection.
error-offline = You are offline: nothing was sent. Try again when you have a signal.
error-network = We could not reach the server. Check your connection and try again.

## Errors
error-problem-detail = { $title } — { $detail }
error-problem-field = { $title }: { $message }
error-rate-limited-for = Too many requests, try again in { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }.
error-rate-limited = Too many requests, please wait a few minutes and try again.
error-unexpected = The server sent an answer we did not understand.
error-signed-out = Your session has ended. Please log in again.
error-payment-declined = The payment was declined. No money was taken.

## Forms of the signed-out screens
form-your-login = Your login
form-setting-up = Setting up…
password-new = New password
password-repeat = Repeat the new password
password-show = Show passwords
password-hide = Hide passwords
password-too-short = Use at least { $min } characters.
password-mismatch = The two passwords do not match.

## Page not found
not-found-title = Page not found
not-found-text = The page you asked for does not exist or has moved.
not-found-home = Go to home

## A screen whose code could not be downloaded
area-unavailable-title = This screen could not load
area-unavailable-text = Check your connection, then try again.
area-unavailable-retry = Try again

## Shown by the frame before the screens' words arrive: loading, the bell, a view as a customer
common-loading = Loading…
common-error-title = Something went wrong
bell-all-requests = All requests
bell-empty = Nothing new. New requests and messages show up here.
bell-feedback = Feedback
bell-notifications = Notifications
bell-label-unread = Notifications, { $count } unread
view-as-back = Back to your view
view-as-exit = Exit view
view-as-button = View as { $name }
view-as-ended = The view as { $who } has ended.
view-as-title = See the portal exactly as { $name } sees it, read-only, for up to 30 minutes
view-as-viewing = Viewing as { $who } — read-only
