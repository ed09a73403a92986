# English: the source; every other language has exactly these ids — e-mails the server sends.
# $terms is the dealer's word: rentals or hires.
# $dealer is the dealer's name (the portal's own, "Rental Portal", without a dealer).

## The layout around every letter
email-greeting = Hello,
email-greeting-name = Hello { $name },
# Under the button, before the link written out.
email-open-link = Or open this link:
email-contact = Questions? Contact us at { $contact }.
# A label before what it labels in plain text ("Receipt number: …", "Log in: https://…").
email-labelled = { $label }:

## Labels of the facts listed in a letter
email-detail-account = Account
email-detail-received = Received
email-detail-store = Store
email-detail-kind = Kind
email-detail-from = From
email-detail-reply-to = Reply to
email-detail-phone = Phone
email-detail-endpoint = Endpoint
email-detail-why = Why
email-detail-receipt-number = Receipt number
email-detail-date = Date
email-detail-paid-by = Paid by
email-detail-method = Method
email-detail-amount = Amount
email-detail-paid-towards = Paid towards
email-detail-reference = Reference
email-detail-confirmation-number = Confirmation number
email-detail-service = Service
email-detail-items = Items
email-detail-pickup-date = Pickup date
email-detail-billing-stops = { $terms ->
        [hires] Hire charges stop
       *[rentals] Billing stops
    }
email-detail-new-return-date = New return date
email-detail-wanted-from = Wanted from
email-detail-wanted-until = Wanted until
email-detail-scheduled-for = Scheduled for
email-detail-site-address = Site address
email-detail-contact = Contact
email-detail-description = Description
email-detail-notes = Notes

## Passwords, invitations, sign-up and change of e-mail
email-log-in = Log in
email-password-reset-subject = Reset your { $dealer } password
email-password-reset-asked = Someone asked to reset the password of your { $dealer } portal login.
email-password-reset-expiry = The link below works once and expires in { $minutes } minutes.
email-password-reset-action = Choose a new password
email-password-reset-footer = If you did not ask for this, ignore this email: your password stays as it is.
email-admin-setup-subject = Set up your { $dealer } admin login
email-admin-setup-created = An administrator login for the { $dealer } portal has been created for you.
email-choose-password-expiry = Choose your password with the link below. It works once and expires in { $hours } hours.
email-choose-password-action = Choose your password
email-unexpected-footer = If you did not expect this, ignore this email: nothing happens until the link is used.
email-staff-invitation-subject = Join the { $dealer } team
# $role: dealer_admin or dealer_staff.
email-staff-invitation-invited = { $inviter } invited you to the { $dealer } portal as { $role ->
        [dealer_admin] an administrator
       *[dealer_staff] a member of staff
    }.
# Who invited, when their name is unknown.
email-staff-invitation-an-admin = An administrator
email-password-changed-subject = Your { $dealer } password was changed
email-password-changed-body = The password of your portal login was just changed, and every device was logged out.
email-password-changed-footer = If this was not you, contact us straight away.
email-temporary-password-subject = Your temporary { $dealer } password
email-temporary-password-reset = { $dealer } has reset the password of your portal login. Your temporary password is:
email-temporary-password-once = It works for one login only. Right after logging in with it you will be asked to choose a new password of your own; until then nothing else in the portal works.
email-temporary-password-logged-out = You have been logged out on every device.
email-temporary-password-footer = If you did not ask your rental store for this, contact us straight away.
email-invitation-subject = You are invited to the { $dealer } portal
email-invitation-body = You are invited to the { $dealer } customer portal for the account of { $customer }: see your contracts and invoices, pay and request pick-ups online.
email-invitation-expiry = The link below works once and expires in { $days } days. If { $email } already has a portal login, log in with it and the account is added to your list.
email-invitation-action = Accept the invitation
email-invitation-footer = If you did not expect this, ignore this email.
email-signup-subject = Confirm your { $dealer } portal login
email-signup-asked = Someone asked to create a { $dealer } portal login for the account of { $customer } with this email address.
email-signup-expiry = To confirm, open the link below and choose a password. It works once and expires in { $hours } hours.
email-signup-action = Confirm and choose a password
email-signup-footer = If you did not ask for this, ignore this email: no login is created.
email-existing-login-subject = You already have a { $dealer } portal login
email-existing-login-body = Someone asked to create a { $dealer } portal login with this email address, but you already have one: log in with this email address and your password.
email-existing-login-forgot = Forgot your password? Choose a new one here: { $link }
email-existing-login-footer = If you did not ask for this, ignore this email: nothing has changed.
email-change-confirm-subject = Confirm your new { $dealer } login email
email-change-confirm-asked = You asked to use this email address for your { $dealer } portal login.
email-change-confirm-expiry = Confirm it with the link below; until then your login keeps its old address. The link works once and expires in { $hours } hours.
email-change-confirm-action = Confirm this email address
email-change-confirm-footer = If you did not ask for this, ignore this email: nothing changes.
email-change-notice-subject = Your { $dealer } login email is being changed
email-change-notice-body = Someone signed in to your { $dealer } portal login asked to change its email address to { $email }. The change happens when the link sent to that address is opened.
email-change-notice-footer = If this was not you, change your password and contact us straight away.

## Feedback to the store ($kind: question, feedback or complaint)
email-feedback-kind = { $kind ->
        [question] Question
        [complaint] Complaint
       *[feedback] Feedback
    }
email-feedback-subject = { email-feedback-kind }: { $subject } ({ $customer })
email-feedback-body = { $customer } sent a { $kind ->
        [question] question
        [complaint] complaint
       *[feedback] feedback
    } through the customer portal: “{ $subject }”
email-feedback-footer = Mark it handled in the portal's feedback inbox once answered.

## Webhooks
email-webhook-disabled-subject = A webhook endpoint was disabled
email-webhook-disabled-stopped = The { $dealer } portal stopped sending webhooks to { $url }.
email-webhook-disabled-resume = Events keep queueing and nothing is lost: once the endpoint answers again, enable it in the portal's Webhooks page and the queue resumes where it stopped.
email-webhook-disabled-action = Open Webhooks
email-webhook-disabled-footer = You get this email as an administrator of the portal.

## Payment receipts ($amount, $date and $number: the payment's)
email-bank-account = Bank account
# How a payment without a card brand was made ($tender: cash, check, card, ach, other).
email-tender = { $tender ->
        [cash] Cash
        [check] Check
        [card] Card
        [ach] Bank account (ACH)
       *[other] Other
    }
email-receipt-subject = Receipt { $number }: your payment of { $amount }
email-receipt-received = Thank you: we received your payment of { $amount } on { $date }. Your receipt number is { $number }.
email-receipt-pending-subject = Your bank payment { $number } of { $amount } was submitted
email-receipt-pending = Your bank payment of { $amount } was submitted on { $date }. It settles in 3-5 working days. Your receipt number is { $number }.
email-receipt-keep = Keep this email as your receipt.
# One line of what a payment paid: an invoice ($number) or the account.
email-receipt-invoice-line = Invoice { $number }: { $amount }
email-receipt-on-account-line = On account: { $amount }
email-receipt-footer = You can see your payments in the portal under Payments.

## Requests ($kind: call_off, service, extension or book_again; $number: its confirmation number; $noun: email-request-noun)
email-request-noun = { $kind ->
        [call_off] { $terms ->
            [hires] off-hire
           *[rentals] call-off
        }
        [service] service request
        [extension] { $terms ->
            [hires] hire extension
           *[rentals] rental extension
        }
       *[book_again] booking request
    }
# $service: breakdown, damage, maintenance or other.
email-service-kind = { $service ->
        [breakdown] Breakdown
        [damage] Report damage
        [maintenance] Maintenance
       *[other] Other
    }
email-request-item = { $quantity } x { $description } (contract { $contract })
email-request-item-serial = { $quantity } x { $description } (contract { $contract }, serial { $serial })
email-request-store-subject = New { $noun } { $number } from { $customer }
email-request-store-body = { $customer } ({ $account }) sent a { $noun } through the customer portal. It waits in the portal's inbox: acknowledge it there so the customer sees it is being handled.
email-request-store-footer = Sent by the customer portal.
email-request-copy-subject = Your { $noun } { $number } was received
email-request-copy-received = We received your { $noun } on { $date }. Your confirmation number is { $number }.
email-request-copy-keep = Keep this email: it records when you asked us to collect, and the date from which { $terms ->
        [hires] hire charges
       *[rentals] billing
    } should stop.
email-request-copy-steps = We will email you at each step: acknowledged, scheduled and done.
# A request's status in a sentence ($status: requested, acknowledged, scheduled, completed or cancelled).
email-request-status = { $status ->
        [requested] requested
        [acknowledged] acknowledged
        [scheduled] scheduled
        [completed] { $kind ->
            [call_off] picked up
            [extension] granted
            [book_again] booked
           *[service] completed
        }
       *[cancelled] cancelled
    }
# $status: email-request-status.
email-request-status-subject = Your { $noun } { $number } is { $status }
email-request-now = Your { $noun } { $number } is now { $status }.
email-request-scheduled = Your { $noun } { $number } is scheduled for { $date }.
email-request-note = Note: { $note }
email-request-footer = You can follow this request in the portal under Requests.
