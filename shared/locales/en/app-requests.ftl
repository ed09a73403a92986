# English: the source; every other language has exactly these ids — requests, request detail, feedback, the request forms.
# $terms is the dealer's word: rentals or hires.

## The request forms (call-off, extension, service, book again)
request-not-allowed = Not available for your login
request-back-home = Back to home
request-choose-items = Choose items
request-sending = Sending…
request-items-count = Items ({ $count })
request-optional = (optional)
request-site-address = Site address
request-notes = Notes
request-check-fields = Please check the fields marked below.
request-contact-name-missing = Enter the name of the person to contact.
request-contact-email-invalid = Enter an email address for the copy of this request.
request-contact = Contact
request-name = Name
request-phone = Phone
request-email = Email

## Kinds and statuses of requests, chosen items, confirmation
request-kind-call-off = { $terms ->
        [hires] Off-hire
       *[rentals] Call-off
    }
request-kind-service = Service request
request-kind-extension = Extension
request-kind-book-again = Book again
request-status-requested = Requested
request-status-acknowledged = Acknowledged
request-status-scheduled = Scheduled
request-status-picked-up = Picked up
request-status-done = Done
request-status-granted = Granted
request-status-booked = Booked
request-status-cancelled = Cancelled
request-pickup-scheduled = Pickup scheduled
request-call-off-requested = { $terms ->
        [hires] Off-hire
       *[rentals] Call-off
    } requested
request-service-requested = Service requested
request-extension-requested = Extension requested
request-booking-requested = Booking requested
request-serial = S/N { $serial }
request-contract = Contract { $number }
request-on-rent-since = { $terms ->
        [hires] On hire since { $date }
       *[rentals] On rent since { $date }
    }
request-pickup-date = Pickup date
request-time-window = Time window
request-new-return-date = New return date
request-start-date = Start date
request-end-date = End date
request-service = Service
request-site = Site
request-description = Description
request-billing-stops-record = Billing stops from { $date } — this confirmation is your record of the request.
request-service-sent = Service request sent
request-booking-sent = Booking request sent
request-confirmation-number = Confirmation number
request-received-by = Received by { $store } on { $time }
request-received = Received by the store on { $time }
request-copy-sent = We sent a copy to { $email }. The store will confirm by email.
request-follow = Follow this request

## My requests and one request
requests-tabs-label = Which requests
requests-tab-all = All
requests-tab-open = Open
requests-tab-completed = Completed
requests-tab-cancelled = Cancelled
requests-empty-title = No requests here
requests-empty-text = Requests you send from { $terms ->
        [hires] My Hires
       *[rentals] My Rentals
    } show here with their status.
requests-general-service = General service call
requests-items-more = { $first } + { $count } more
requests-scheduled-on = Scheduled { $date }
requests-pickup-on = Pickup { $date }
requests-sent-at = Sent { $time }
requests-not-found-title = Request not found
requests-not-found-text = This request does not exist or is not on this account.
requests-sent = Sent
requests-by = By
requests-store = Store
requests-scheduled-for = Scheduled for
requests-billing-stops = Billing stops from
requests-cancel-reason = Cancel reason
requests-expected-back = Expected back { $date }
requests-cancel = Cancel request
requests-cancel-hint = You can cancel until the store acknowledges it.
requests-for-date = For { $date }
requests-by-store-person = { $name } (store)
requests-by-you = You
requests-by-the-store = The store
requests-by-the-counter = The store (at the counter)
requests-cancel-too-late = The store has already acknowledged this request, so it can no longer be cancelled here. Please call the store.
requests-cancel-title = Cancel request { $number }?
requests-cancel-text = The store will be told. Items of a call-off stay on your account as they were.
requests-cancel-reason-label = Reason
requests-keep = Keep request

## Questions and feedback
feedback-lead = Questions, feedback or a complaint: { $dealer } reads every message.
feedback-earlier = Your earlier messages
feedback-none = No messages yet.
feedback-subject-missing = Give your message a subject.
feedback-message-missing = Write your message.
feedback-email-invalid = Enter the email address the answer should go to.
feedback-sent-title = Message sent
feedback-sent-text = “{ $subject }” is with the store. The answer goes to { $email }.
feedback-kind-label = Kind of message
feedback-kind-question = Question
feedback-kind-feedback = Feedback
feedback-kind-complaint = Complaint
feedback-subject = Subject
feedback-message = Message
feedback-store = Store
feedback-usual-store = My usual store
feedback-email = Your email
feedback-phone = Your phone
feedback-submit = Send message
feedback-hurry = In a hurry? Call
feedback-status-sent = Sent
feedback-status-answered = Answered
feedback-answer = Store: { $answer }
