# English: the source; every other language has exactly these ids — the titles of problem answers (application/problem+json).
# problem-<code>: the title of the problem whose `code` is <code> (shared::error::ErrorCode).

problem-validation-failed = Some fields need attention
problem-bad-request = The request could not be read
problem-invalid-credentials = Login or password is incorrect
problem-unauthenticated = Please log in
problem-token-expired = Your session has expired
problem-token-invalid = Your session is no longer valid
problem-forbidden = You do not have permission to do this
problem-password-change-required = Choose a new password to continue
problem-access-deactivated = Your portal access has been deactivated; contact the store
problem-insufficient-scope = This API client is not allowed to do this
problem-read-only-view = This is a read-only view of the customer's portal
problem-view-ended = The view as this customer has ended
problem-not-found = Not found
problem-method-not-allowed = This method is not allowed here
problem-payload-too-large = The request body is too large
problem-conflict = This conflicts with the current state
problem-gone = This is no longer available
problem-rate-limited = Too many requests
problem-payment-declined = The payment was declined
problem-internal = Something went wrong on our side
problem-service-unavailable = The service is temporarily unavailable
