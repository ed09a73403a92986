# English: the source; every other language has exactly these ids — invoices, payments, pay, the account's users and accounts, profile.
# $terms is the dealer's word: rentals or hires.

## Invoice list
invoices-title = Invoices
invoices-back-home = Home
invoices-payment-history = Payment history
invoices-views-label = Which invoices
invoices-view-open = Open
invoices-view-paid = Paid
invoices-view-all = All
invoices-sort-newest = Newest first
invoices-sort-oldest = Oldest first
invoices-sort-due-soonest = Due date, soonest
invoices-sort-due-latest = Due date, latest
invoices-sort-amount-due = Amount due, highest
invoices-sort-total = Total, highest
invoices-sort-number = Invoice number
invoices-select-to-pay = Select to pay
invoices-select-done = Done
invoices-select-hint = Tap the invoices you want to pay.
invoices-balance-label = Account balance
invoices-balance-due = Balance due
invoices-open-count = { $count ->
        [one] { $count } open invoice
       *[other] { $count } open invoices
    }
invoices-overdue = Overdue
invoices-past-due-count = { $count ->
        [one] { $count } invoice past due
       *[other] { $count } invoices past due
    }
invoices-nothing-past-due = Nothing past due
invoices-pending-note = { $amount } in payments being processed is not counted in the balance.
invoices-ageing = Ageing
invoices-ageing-current = Current
invoices-ageing-1-30 = 1–30 days
invoices-ageing-31-60 = 31–60 days
invoices-ageing-61-90 = 61–90 days
invoices-ageing-over-90 = Over 90 days
invoices-search-placeholder = Invoice, PO, job, contract…
invoices-search = Search
invoices-empty-filtered = No invoices match these filters
invoices-empty-open = You're all paid up
invoices-empty-open-text = There are no open invoices on this account.
invoices-empty-paid = No paid invoices yet
invoices-empty-all = No invoices on this account yet
invoices-clear-filters = Clear filters
invoices-ref-contract = Contract { $number }
invoices-ref-po = PO { $number }
invoices-ref-job = Job { $number }
invoices-credit-to-use = Credit to use
invoices-days-overdue = { $count ->
        [one] { $count } day overdue
       *[other] { $count } days overdue
    }
invoices-select-all = Select all payable invoices on this page
invoices-col-invoice = Invoice
invoices-col-date = Date
invoices-col-due = Due
invoices-col-references = Contract / PO / job
invoices-col-total = Total
invoices-col-status = Status
invoices-processing-amount = { $amount } processing
invoices-paid-not-posted = { $amount } paid here, not yet posted
invoices-view-invoice = View invoice
invoices-pay-bar = { $count ->
        [one] Pay { $count } invoice — { $amount }
       *[other] Pay { $count } invoices — { $amount }
    }
invoices-pay-bar-label = Invoices to pay

## One invoice (and what the list and the pay form share with it)
invoice-back = Back to invoices
invoice-not-found = Invoice not found
invoice-not-found-text = This invoice does not exist or is not on this account.
invoice-kind-invoice = Invoice
invoice-kind-credit-memo = Credit memo
invoice-document-title = { $kind } { $number }
invoice-pay-this = Pay this invoice — { $amount }
invoice-pay-aria = Pay invoice { $number }
invoice-credit = Credit
invoice-total = Total
invoice-amount-due = Amount due
invoice-was-due = Was due
invoice-due-date = Due date
invoice-due-on = Due { $date }
invoice-no-due-date = No due date
invoice-processing = Processing
invoice-pending-note = { $amount } paid through the portal is being processed. The balance updates once the store posts it.
invoice-date = Invoice date
invoice-contract = Contract
invoice-location = Location
invoice-po = PO
invoice-job = Job
invoice-charges = Charges ({ $count })
invoice-no-lines = The store sent this invoice without line detail; the PDF has the full invoice.
invoice-line-no = #
invoice-line-description = Description
invoice-line-item = Item
invoice-line-quantity = Qty
invoice-line-unit-price = Unit price
invoice-line-amount = Amount
invoice-subtotal = Subtotal
invoice-tax = Tax
invoice-paid = Paid
invoice-balance = Balance
invoice-payments-title = Payments made here
invoice-no-payments = No payments through the portal yet.

## Statuses, methods and the no-permission panel (shared by the invoice and payment screens)
invoice-status-overdue = Overdue
invoice-status-credit = Credit
invoice-status-processing = Payment processing
invoice-status-open = Open
invoice-status-paid = Paid
invoice-status-void = Void
payment-status-paid = Paid
payment-status-pending = Bank payment pending
payment-status-processing = Processing
payment-status-declined = Declined
payment-tender-cash = Cash
payment-tender-check = Check
payment-tender-card = Card
payment-tender-ach = Bank account (ACH)
payment-tender-other = Other
payment-bank-account = Bank account
payment-channel-portal = Paid in the portal
payment-channel-counter = Paid at the counter
payment-make = Make a payment
payment-see-invoices = See invoices
pay-not-allowed-title = Paying is not available for your login
pay-not-allowed-text = You don't have permission to pay for this account — ask the account owner.

## Payment history
payments-title = Payments
payments-empty = No payments yet
payments-empty-text = Payments made through the portal, and those the store received at the counter, show here with their receipts.
payments-col-receipt = Receipt
payments-col-date = Date
payments-col-method = Method
payments-col-paid-by = Paid by
payments-col-amount = Amount
payments-col-status = Status

## Receipt
receipt-not-found = Payment not found
receipt-not-found-text = This payment does not exist or is not on this account.
receipt-counter-note = Received by { $dealer } and recorded by its office.
receipt-received = Payment received
receipt-bank-submitted = Bank payment submitted
receipt-bank-note = It settles in 3–5 working days; the invoices show as being processed until then.
receipt-processing = Payment processing
receipt-processing-note = The payment provider has not answered yet. This receipt updates once it has; you will not be charged twice.
receipt-declined = Payment declined
receipt-nothing-taken = No money was taken.
receipt-document-title = Receipt { $number }
receipt-number = Receipt number
receipt-method = Method
receipt-paid-by = Paid by
receipt-account = Account
receipt-reference = Reference
receipt-paid = Paid
receipt-what-it-pays = What it pays
receipt-invoice = Invoice { $number }
receipt-on-account = Payment on account
receipt-total = Total
receipt-email-sent = A receipt was sent to { $email }.
receipt-print = Print receipt

## Pay
pay-title = Make a payment
pay-unavailable-title = Online payments are not available yet
pay-unavailable-contact = { $dealer } does not take payments through the portal yet. To pay, contact them on { $contact }.
pay-unavailable-text = { $dealer } does not take payments through the portal yet.
pay-sandbox-title = Test mode — no real money moves
pay-sandbox-card-approved = Card that pays:
pay-sandbox-card-approved-rest = , any future expiry, any CVC.
pay-sandbox-card-declined = Card that is declined:
pay-sandbox-bank = Bank: routing
pay-sandbox-bank-account = , any account number (one ending in
pay-sandbox-bank-refused = is refused).
pay-lead-picking = Choose what to pay { $dealer }. You can pay part of an invoice by changing its amount.
pay-lead-chosen = Pay { $dealer } in full, or change an amount to pay part of an invoice.
pay-lead-contract = Pay { $dealer } what is due on this contract's invoices, or another amount: it goes to the invoice due first, then the next.
pay-contract-title = Contract { $number }
pay-contract-all = Everything due on its invoices: { $amount }
pay-contract-other = Another amount
pay-contract-amount = Amount to pay on { $number }
pay-contract-pays = Pays { $amount }
pay-contract-pays-nothing = Not paid this time
pay-contract-nothing-title = Nothing to pay on { $number }
pay-contract-nothing-text = This contract has no open invoices with anything due. Its invoices may be paid already, or not sent yet.
pay-contract-back = Back to the contract
pay-open-invoices = Open invoices
pay-invoices-count = Invoices ({ $count })
pay-left-out = { $count } of the invoices you chose are already paid or being processed, and are left out.
pay-no-invoices = There are no open invoices to pay. You can still make a payment on account below.
pay-choose-other = Choose other invoices
pay-overdue-since = Overdue since { $date }
pay-row-amount-due = Amount due { $amount }
pay-amount = Amount to pay
pay-amount-on = Amount to pay on { $number }
pay-part-payment = Part payment: the rest stays due.
pay-on-account = Payment on account
pay-optional = (optional)
pay-on-account-hint = An amount not tied to an invoice, e.g. a deposit. The store applies it for you.
pay-total = Total to pay
pay-total-count = { $count ->
        [0] No invoices chosen
        [one] { $count } invoice
       *[other] { $count } invoices
    }
pay-with = Pay with
pay-method-label = Payment method
pay-card-number = Card number
pay-card-expiry = Expiry (MM/YY)
pay-card-expiry-placeholder = MM/YY
pay-card-cvc = Security code (CVC)
pay-card-name = Name on card
# $postcode: zip (US), postal (Canada) or postcode (elsewhere), after the dealer's locale.
pay-card-billing = { $postcode ->
        [zip] Billing zip code
        [postal] Billing postal code
       *[postcode] Billing postcode
    }
pay-bank-holder = Account holder
pay-bank-routing = Routing number
pay-bank-routing-placeholder = 9 digits
pay-bank-account = Account number
pay-bank-type = Account type
pay-bank-checking = Checking
pay-bank-savings = Savings
pay-bank-hint = The debit settles in 3–5 working days. The invoices show as being processed until then.
pay-receipt = Receipt
pay-receipt-email = Email the receipt to
pay-declined = Payment declined
pay-processing = Processing payment…
pay-submit = Pay
pay-submit-amount = Pay { $amount }
pay-secure = Card and bank details go straight to { $dealer }'s payment provider. They are never sent to or stored by this portal.
pay-changed = This payment changed while it was being sent. Check the amounts and press Pay again.
pay-check-fields = Please check the fields marked below.
# The form's own checks, before anything is sent. Write the example amounts with the
# language's decimal mark (120.00 in English and Spanish, 120,00 in French): the amount fields
# read them that way. $amount is already written as the language writes money.
pay-problem-amount = Enter the amount to pay, e.g. 120.00.
pay-problem-more-than-due = At most { $amount } is due on { $number }.
pay-problem-on-account = Enter an amount, e.g. 250.00, or leave it empty.
pay-problem-receipt-email = Enter the email address for the receipt.
pay-problem-card-name = Enter the name on the card.
# $postcode: zip, postal or postcode, as for pay-card-billing.
pay-problem-card-postcode = { $postcode ->
        [zip] Enter the card's billing zip code.
        [postal] Enter the card's billing postal code.
       *[postcode] Enter the card's billing postcode.
    }
pay-problem-bank-holder = Enter the name on the bank account.
pay-problem-card-number = Check the card number.
pay-problem-expiry = Use the expiry date on the card, MM/YY, not in the past.
pay-problem-cvc = Use the 3 or 4 digit security code.
pay-problem-routing-number = Use the 9-digit routing number.
pay-problem-account-number = Use the account number, 4 to 17 digits.
pay-problem-nothing-to-pay = Choose at least one invoice to pay, or enter a payment on account.
pay-problem-no-on-account = Enter the amount to pay on account.
pay-problem-method-unavailable = This payment method is not set up for online payments yet. Contact the store.

## Choose an account
account-picker-title = Choose an account
account-picker-welcome = Welcome, { $name }. Which account are you working on today?
account-picker-staff-title = You work for the store
account-picker-staff-text = Customer requests and messages are in the store's inbox.
account-picker-open-inbox = Open the inbox
account-picker-none-title = No accounts yet
account-picker-none-text = Your login is not linked to any customer account. Please contact your rental store.
account-picker-number = Account { $number }

## The account's users
account-users-forbidden-title = Only the account owner manages its users
account-users-forbidden-text = Ask the owner of this account to invite people or change what they can do.
account-users-title = Users of this account
account-users-lead = Who can use { $name } · Account { $number } in the portal, and what each person may do.
account-users-invite-sent = Invitation sent to { $email }.
account-users-revoked = Invitation to { $email } revoked. Its link no longer works.
account-users-with-access = People with access
account-users-perm-view = View
account-users-perm-pay = Pay invoices
account-users-perm-call-off = Call off
account-users-perm-order = Order
account-users-email-invalid = Enter an email address, for example name@company.com.
account-users-invite-title = Invite someone
account-users-invite-email = Their email address
account-users-they-may = They may
account-users-view-account = View the account
account-users-send-invitation = Send invitation
account-users-pending-title = Invited, not joined yet
account-users-already-gone = The invitation to { $email } was already accepted, revoked or has expired.
account-users-invited = { $permissions } · invited { $date }
account-users-revoke-question = Revoke this invitation? The link in the email will stop working.
account-users-keep = Keep
account-users-revoke-invitation = Revoke invitation
account-users-revoke = Revoke
account-users-you = { $name } (you)
account-users-owner = Owner
account-users-member = Member
account-users-owner-note = Owners may do everything and manage users.
account-users-remove = Remove
account-users-remove-title = Remove { $name }?
account-users-remove-text = { $email } will no longer be able to use this account. Their login and other accounts stay as they are.
account-users-cancel = Cancel

## Your details (profile)
profile-title = Your details
profile-subtitle = How your store reaches you, and how you log in.
profile-back = Back to your account
profile-contact-title = Contact details
profile-name = Your name
profile-name-missing = Enter your name.
profile-name-too-long = Use at most 120 characters.
profile-phone = Mobile phone
profile-phone-hint = You can also log in with this number. Leave it empty to remove it.
profile-language = Language
profile-saved = Your details have been saved.
profile-save = Save details
profile-saving = Saving…
profile-email-title = Email address
profile-email-current = You log in with
profile-email-sent-title = We sent a link to { $email }
profile-email-sent-text = Open it to confirm the change. Your email stays { $email } until you do.
profile-new-email = New email address
profile-email-invalid = Enter an email address, for example name@company.com.
profile-email-same = This is already your login's email address.
profile-email-taken = Another login already uses this email address.
profile-password = Current password
profile-password-missing = Enter your current password.
profile-email-submit = Send confirmation link
profile-email-sending = Sending…
