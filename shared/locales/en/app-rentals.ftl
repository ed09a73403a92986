# English: the source; every other language has exactly these ids — rentals, call-off, extension, service request, book again.
# $terms is the dealer's word: rentals or hires.

## My Rentals / My Hires
rentals-views-label = Which items
rentals-view-on-rent = { $terms ->
        [hires] On hire
       *[rentals] On rent
    }
rentals-view-upcoming = Coming
rentals-view-returned = Returned
rentals-view-all = All
rentals-sort-start-newest = Newest start date
rentals-sort-start-oldest = Oldest start date
rentals-sort-back-soonest = Expected back, soonest
rentals-sort-back-latest = Expected back, latest
rentals-sort-contract = Contract number
rentals-sort-description-az = Description A–Z
rentals-sort-description-za = Description Z–A
rentals-select = Select
rentals-select-done = Done
rentals-select-hint = Tap the items to { $terms ->
        [hires] off-hire
       *[rentals] call off
    }, service or extend.
rentals-search-placeholder = Item, serial, site…
rentals-filter-due-by = Due back by
rentals-empty-filtered = No items match these filters
rentals-empty-on-rent = Nothing { $terms ->
        [hires] on hire
       *[rentals] on rent
    } right now
rentals-empty-upcoming = Nothing booked for later
rentals-empty-returned = Nothing returned yet
rentals-empty-all = No { $terms ->
        [hires] hires
       *[rentals] rentals
    } on this account yet
rentals-clear-filters = Clear filters
rentals-per-day = / day
rentals-per-week = / week
rentals-per-month = / month
rentals-select-item = Select { $item }
rentals-select-all = Select all on this page
rentals-item = Item
rentals-contract = Contract
rentals-status = Status
rentals-start = Start
rentals-expected-back = Expected back
rentals-returned = Returned
rentals-returned-on = Returned { $date }
rentals-rates = Rates
rentals-site-store = Site / store
rentals-site-job = { $site } · Job { $job }
rentals-serial-asset = Serial / asset
rentals-location = Location
rentals-job = Job
rentals-job-site = Job site
rentals-rate-day = Day { $rate }
rentals-rate-week = Week { $rate }
rentals-rate-month = Month { $rate }
rentals-selected-items = Selected items
rentals-call-off-items = { $terms ->
        [hires] Off-hire
       *[rentals] Call off
    } { $count } { $count ->
        [one] item
       *[other] items
    }
rentals-extend = Extend
rentals-service = Service

## Call-off / off-hire
call-off-not-allowed = Your login may view this account but not request a { $terms ->
        [hires] off-hire
       *[rentals] call-off
    }. Ask the account owner for that permission.
call-off-nothing-title = No items to pick up
call-off-nothing-text = Choose the items that are out on site on the rentals page first.
call-off-date-missing = Choose the pickup date.
call-off-date-past = The pickup date cannot be in the past.
call-off-date-before-start = Not before the rental start: { $item } went out on { $date }.
call-off-site-missing = Enter the address where the items can be picked up.
call-off-title = { $terms ->
        [hires] Off-hire
       *[rentals] Call-off
    } request
call-off-lead = Ask { $dealer } to pick up { $count } { $count ->
        [one] item
       *[other] items
    }. You get a confirmation number straight away.
call-off-submit = Submit request for pickup
call-off-returner = Returner
call-off-skipped = { $count } of the items you chose are not out on site and are left out.
call-off-pickup = Pickup
call-off-date-hint = Today means as soon as possible.
call-off-window-any = Any time
call-off-window-morning = Morning (7am–12pm)
call-off-window-afternoon = Afternoon (12pm–5pm)
call-off-window-first-thing = First thing (7am–9am)
call-off-driver-notes = Notes for the driver
call-off-driver-notes-placeholder = Where on site the machine stands, gate code…

## Extension
extension-not-allowed = Your login may view this account but not change return dates. Ask the account owner for that permission.
extension-nothing-title = No items to extend
extension-nothing-text = Choose items that are out or booked on the rentals page first.
extension-expected-back = Currently expected back { $date }.
extension-pick-date = Pick the date you expect to return the items.
extension-date-missing = Choose the new return date.
extension-date-too-early = Choose { $date } or later.
extension-title = Request an extension
extension-lead = Ask { $dealer } to keep { $count } { $count ->
        [one] item
       *[other] items
    } longer.
extension-submit = Request extension
extension-return-on = Return on

## Service request
service-new-call = New service call
service-description-missing = Tell the store what is wrong or what you need.
service-lead = { $dealer } will get back to you about it.
service-submit = Send service request
service-what = What do you need?
service-kind-label = Kind of service
service-kind-breakdown = Breakdown
service-kind-damage = Report damage
service-kind-maintenance = Maintenance
service-kind-other = Other
service-description-placeholder = What happened, error codes, when it is needed again…

## Book again
book-again-not-allowed = Your login may view this account but not order. Ask the account owner for that permission.
book-again-start-missing = Choose the date you need the items from.
book-again-start-past = The start date cannot be in the past.
book-again-end-invalid = Use a date, or leave it empty.
book-again-end-before-start = The end date must not be before the start date.
book-again-address-missing = Enter the delivery address.
book-again-lines-missing = Choose at least one item.
book-again-title = Book this again
book-again-lead = Ask { $dealer } to reserve the items of contract { $number } again.
book-again-submit = Send booking request
book-again-last-time = Last time: { $start } to { $end }.
book-again-last-from = Last time from { $start }.
book-again-items = Items
book-again-when-where = When and where
book-again-delivery-address = Delivery address
book-again-no-rental-items = This contract has no rental items; the store will call you about what you need.
