# The portal's messages in English: the source catalogue. Every other catalogue has exactly
# these ids (shared/tests/catalogues.rs). $terms is the dealer's word: rentals or hires.

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

## Account menu
menu-your-details = Your details
menu-change-password = Change password
menu-log-out = Log out
menu-log-out-all = Log out of all devices

## Home
home-welcome = Welcome
home-welcome-name = Welcome, { $name }
home-default-welcome = Everything on account { $number } with { $dealer }, in one place.
home-account-chip = { $name } · Account { $number }
home-tiles-label = What would you like to do?
home-items-out = { $count ->
        [one] { $count } item
       *[other] { $count } items
    } { $terms ->
        [hires] on hire
       *[rentals] on rent
    } now
home-due-none = none due back this week
home-due-this-week = { $count } due back this week
home-nothing-out = Nothing { $terms ->
        [hires] on hire
       *[rentals] on rent
    } now · coming and returned items
home-rentals-default = Items { $terms ->
        [hires] on hire
       *[rentals] on rent
    } now, coming and returned
call-off = { $terms ->
        [hires] Off-hire
       *[rentals] Call off
    }
home-call-off-text = Ask for a pickup of items you no longer need
home-invoices = Invoices
home-invoices-due-overdue = { $due } due, { $overdue } overdue
home-invoices-due = { $due } due
home-invoices-paid = Nothing due — all paid up
home-invoices-default = Invoices, balance and PDFs
home-pay = Pay
home-pay-due = Pay { $due } online
home-pay-default = Pay invoices or on account
home-reservations = Reservations
home-reservations-text = Equipment booked for a later date
home-quotes = Quotes
home-quotes-text = Prices the store has quoted for you
home-contracts = All contracts
home-contracts-text = Search, filter and export to CSV
home-requests = My requests
home-requests-none = None open · pickups, service calls and extensions
home-requests-open = { $count } open · pickups, service calls and extensions
home-requests-default = Pickups, service calls and extensions, and where they stand
home-tracking = Tracking
home-tracking-text = Where your items { $terms ->
        [hires] on hire
       *[rentals] on rent
    } were last seen
home-feedback = Questions & feedback
home-feedback-text = Write to the store and see its answers
home-contact = Contact the store
home-contact-text = Questions? { $dealer } is here to help.
home-contact-none = Contact details are not available yet.

## Without signal
offline-banner-title = Offline — as of { $time }
offline-banner-text = Showing what you last saw. Requests and payments need a connection.
error-offline = You are offline: nothing was sent. Try again when you have a signal.
error-network = We could not reach the server. Check your connection and try again.
