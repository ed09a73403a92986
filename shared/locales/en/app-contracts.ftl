# English: the source; every other language has exactly these ids — contracts, contract detail, tracking.
# $terms is the dealer's word: rentals or hires.

## Contract list
contracts-title-all = All contracts
contracts-title-open = { $terms ->
        [hires] My Hires
       *[rentals] My Rentals
    }
contracts-title-reservations = Reservations
contracts-title-quotes = Quotes
contracts-title-closed = Closed contracts
contracts-empty-title = No contracts match these filters
contracts-empty-text = Try a wider date range or fewer filters.
contracts-empty-clear = Clear filters
# A contract's tab title, and a link to it.
contracts-contract-number = Contract { $number }
# An item's serial number.
contracts-serial-number = S/N { $serial }

## Contract detail
contract-detail-back = Back to contracts
contract-detail-not-found-title = Contract not found
contract-detail-not-found-text = This contract does not exist or is not on this account.
contract-detail-eyebrow = Contract
contract-detail-amount = Amount
contract-detail-amount-due = Amount due
contract-detail-location = Location
contract-detail-job = Job
contract-detail-po = PO
contract-detail-job-site = Job site
contract-detail-ordered-by = Ordered by
contract-detail-start-date = Start date
contract-detail-close-date = Close date
contract-detail-book-again = Book this again
contract-detail-pay = Pay this contract
contract-detail-lines = Items and charges ({ $count })
contract-detail-description = Description
contract-detail-item-serial = Item / serial
contract-detail-item = Item
contract-detail-serial = Serial
contract-detail-qty = Qty
contract-detail-status = Status
contract-detail-rates = Rates
contract-detail-start = Start
contract-detail-expected-back = Expected back
contract-detail-returned = Returned
# A line's rates stacked in the table: "$45.00 / day".
contract-detail-per-day = day
contract-detail-per-week = week
contract-detail-per-month = month
# A line's rates on phones.
contract-detail-rate-day = Day { $rate }
contract-detail-rate-week = Week { $rate }
contract-detail-rate-month = Month { $rate }

## Tracking
tracking-title = Tracking
tracking-lead = Where your items { $terms ->
        [hires] on hire
       *[rentals] on rent
    } were last reported.
tracking-refresh = Refresh
tracking-empty = Nothing { $terms ->
        [hires] on hire
       *[rentals] on rent
    } right now
tracking-map-empty = None of these items has reported a position yet.
tracking-located = { $located } of { $count } items with a reported position.
tracking-open-map = Open in maps
tracking-no-position = No position reported
tracking-map-label = Site map with { $count } items
# The width of the site map; $distance is a number.
tracking-map-across-m = ≈ { $distance } m across
tracking-map-across-km = ≈ { $distance } km across
# A map marker for two or more items at one place, and the site they share.
tracking-place-items = { $count } items
tracking-place-items-site = { $count } items · { $site }
# A marker's name for screen readers; it starts with what the marker shows (its number, or how
# many items share the spot, then $label), in that order.
tracking-marker-one = { $number } { $label }, open in maps
tracking-marker-many = { $count } { $label }: items { $numbers }, open in maps
