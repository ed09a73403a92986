# English: the source; every other language has exactly these ids — signed-out pages: password reset, register, invitation, sign-up, e-mail confirmation, change password.
# $terms is the dealer's word: rentals or hires.

## Shared by the signed-out pages
public-back-to-login = Back to log in
public-go-to-login = Go to log in
public-have-login = I already have a login
public-back-to-account = Back to your account
public-check-email = Check your email
public-sending = Sending…
public-saving = Saving…
public-new-password-title = Choose a new password
public-new-password-hint = Use at least 8 characters. A short sentence you will remember works well.
public-password-changed = Your password has been changed
public-link-expired = This link has expired or was already used
public-set-up-login = Set up your login
public-set-up-my-login = Set up my login
public-email-missing = Enter the email address on your account.
public-postal-missing = Enter the ZIP or postal code on your account.

## Forgot password
forgot-title = Reset your password
forgot-lead = Enter the email or phone number you log in with. We will email you a link to choose a new password.
forgot-missing = Enter your email or phone number.
forgot-submit = Send reset link
forgot-spam-hint = No email after a few minutes? Look in your spam folder.
forgot-again = Send another link

## Reset password
reset-submit = Set new password
reset-done-text = For your safety we logged you out everywhere. Log in with your new password.
reset-expired-text = Reset links work once and only for a short time. Ask for a new one and use the newest email.
reset-new-link = Send me a new link

## Register by phone
register-title = Set up your portal login
register-welcome = Welcome!
register-lead = First time here? Confirm the details your rental store has on your account and choose a password.
register-lead-from-login = To finish setting up your portal login, confirm the details on your account.
register-phone = Phone number on your account
register-email = Email address on your account
register-postal = ZIP or postal code on your account
register-phone-missing = Enter the phone number on your account.
register-phone-invalid = Enter a phone number, for example (303) 555-1234.
register-email-invalid = Enter an email address, for example name@company.com.
register-mismatch = We could not confirm these details

## Invitation
invitation-title = Your invitation
invitation-loading = Opening your invitation…
invitation-load-failed = We could not open this invitation
invitation-heading = You're invited to { $customer } at { $dealer }
invitation-lead = See the account's contracts, { $terms ->
        [hires] hires
       *[rentals] rentals
    } and quotes in one place.
invitation-name = Your name
invitation-optional = (optional)
invitation-accept = Accept and set up my login
invitation-added = { $customer } was added to your accounts
invitation-added-hint = Switch between your accounts from the account name at the top of every page.
invitation-open = Open { $customer }
invitation-signed-in-as = You're logged in as { $email }. Accepting adds this account to your login.
invitation-adding = Adding…
invitation-add = Add { $customer } to your accounts
invitation-other-login = You're logged in as { $me }, but this invitation is for { $email }. Log in as { $email } to add the account to that login.
invitation-has-login = { $email } already has a portal login. Log in with it and the account is added to your other accounts.
invitation-switch-login = Log out and log in as { $email }
invitation-log-in = Log in as { $email } to accept
invitation-forgot = Forgot your password?
invitation-expired = This invitation has expired or was already used
invitation-expired-text = Invitation links work once and only for a limited time. Ask your rental store to send you a new one, and use the newest email.

## Sign-up
signup-lead = Tell us which account is yours and we will email you a link to set up your login.
signup-submit = Email me a link
signup-have = I have my
signup-account-number = Account number
signup-contract-number = Contract number
signup-account-hint = It is on your invoices and statements.
signup-contract-hint = The number of any of your contracts or quotes.
signup-prove = And to prove it, the
signup-postal = ZIP/postal code
signup-postal-label = ZIP/postal code on the account
signup-fact-email = Email on the account
signup-send-to = Send the link to
signup-email-hint = Your email on the account, or a contact's. It becomes your login.
signup-account-missing = Enter your account number.
signup-contract-missing = Enter a contract number.
signup-fact-email-invalid = Enter an email address like name@example.com.
signup-email-missing = Enter the email address to send the link to.
signup-spam-hint = No email after a few minutes? Look in your spam folder, or check the numbers and try again.
signup-again = Try again
signup-confirm-loading = Opening your link…
signup-confirm-load-failed = We could not open this link
signup-confirm-heading = Set up your login for { $customer }
signup-confirm-lead = See your contracts, { $terms ->
        [hires] hires
       *[rentals] rentals
    } and quotes from { $dealer } in one place.
signup-confirm-has-login = { $email } already has a portal login. Log in with it instead.
signup-expired-text = Sign-up links work once and only for a limited time. Ask for a new one and use the newest email.
signup-new-link = Ask for a new link

## Email confirmation
email-confirm-title = Confirm your email
email-confirm-loading = Confirming your email…
email-confirm-done = Your email is confirmed
email-confirm-done-text = From now on, log in with your new email address. The old one no longer works.
email-confirm-expired-text = Email confirmation links work once and only for a limited time. Change your email again to get a new one.
email-confirm-to-portal = Go to the portal
email-confirm-failed = We could not confirm your email
email-confirm-taken = Another login already uses this email address, so it cannot become yours.

## Change password
change-password-title = Change your password
change-password-lead = Use at least 8 characters. You will stay logged in here; other devices will be logged out.
change-password-forced = Your store reset your password. Choose a new one to continue.
change-password-current = Current password
change-password-current-missing = Enter your current password.
change-password-save = Save and continue
change-password-done-text = You are still logged in here. For your safety we logged you out on your other devices.

## Dev mailbox
mailbox-eyebrow = Development only
mailbox-lead = The emails this server would have sent, newest first. Nothing leaves this machine.
mailbox-refresh = Refresh
mailbox-list = Emails
mailbox-pick = Pick an email to read it.
mailbox-all = All emails
mailbox-to = To
mailbox-sent = Sent
mailbox-status = Status
mailbox-status-pending = pending
mailbox-status-sending = sending
mailbox-status-sent = sent
mailbox-status-failed = failed
mailbox-links = Links in this email
mailbox-frame-title = Email: { $subject }
mailbox-plain-text = Plain text
mailbox-empty = No emails yet
mailbox-empty-text = Ask for a password reset on the login page, then refresh.
mailbox-off = The development mailbox is off: this server sends real email.
