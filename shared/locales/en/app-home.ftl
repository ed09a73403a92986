# English: the source; every other language has exactly these ids — the customer's home page and its tiles.
# $terms is the dealer's word: rentals or hires.

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

## Time (any screen): how long since, how long ago
time-under-a-minute = under a minute
time-minutes = { $count } min
time-hours = { $count } h
time-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
time-just-now = just now
time-ago = { $elapsed } ago

summary-title = Account summary
summary-link = Account summary
summary-account-number = Account number
summary-address = Address
summary-phone = Phone
summary-email = Email
summary-credit = Credit
summary-credit-limit = Credit limit
summary-no-credit-limit = None set
summary-available-credit = Available credit
summary-last-payment = Last payment
summary-no-payments = No payments yet
summary-recent-invoices = Latest invoices
summary-recent-payments = Latest payments
summary-recent-requests = Latest requests
summary-no-invoices = No invoices yet
summary-no-requests = No requests yet
summary-see-all = See all
