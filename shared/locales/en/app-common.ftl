# English: the source; every other language has exactly these ids — shared components: lists, filters, pagers, status chips, downloads, forms.
# $terms is the dealer's word: rentals or hires.

## Status chips: a contract's status, a line's status or kind
status-contract-quote = Quote
status-contract-reservation = Reservation
status-contract-open = Open
status-contract-closed = Closed
status-line-reserved = Reserved
status-line-out = Out
status-line-called-off = Called off
status-line-returned = Returned
status-line-sale = Sale
status-line-fee = Fee

## Loading and errors
common-try-again = Try again

## Contract list: table columns, cards and the phone sort
contract-list-contract = Contract
contract-list-status = Status
contract-list-start = Start
contract-list-closed = Closed
contract-list-location = Location
contract-list-job = Job
contract-list-po = PO
contract-list-amount = Amount
contract-list-amount-due = Amount due
contract-list-sort-newest-start = Newest start date
contract-list-sort-oldest-start = Oldest start date
contract-list-sort-latest-close = Latest close date
contract-list-sort-number = Contract number
contract-list-sort-amount = Highest amount
contract-list-sort-amount-due = Highest amount due
contract-list-sort-status = Status
contract-list-sort-number-desc = Contract number (desc)

## Filters
filter-search = Search
filter-contracts-search = Contract, job, PO, item, serial…
filter-filters = Filters
# For screen readers, after "Filters": how many filters are in force.
filter-active = , { $count } active
filter-status = Status
filter-all-statuses = All statuses
filter-start-from = Start from
filter-start-to = Start to
filter-location = Location
filter-all-locations = All locations
filter-job = Job
filter-po = PO
filter-apply = Apply filters
filter-clear = Clear

## Lists: sort, pages, ticked rows
list-sort = Sort
pager-label = Pages
pager-previous-page = Previous page
pager-previous = Previous
pager-next-page = Next page
pager-next = Next
pager-no-results = No results
pager-showing = Showing { $first }–{ $last } of { $total }
selection-select-page = Select all on this page
selection-count = { $count } selected
selection-clear = Clear

## Downloads
download-csv = Download CSV
download-open-pdf = Open PDF
download-pdf = Download PDF
download-refused = Your browser refused the download.
download-file-refused = Your browser refused the file.
download-no-window = No browser window.
download-no-document = No document.
download-no-link = Could not create a link.
download-no-body = No page body.

## Account frame
layout-unknown-account-title = Account not available
layout-unknown-account-text = This account is not one you can use with your login.
layout-unknown-account-choose = Choose an account
