# English: the source; every other language has exactly these ids — the PDFs the server renders (contracts, invoices).
# $terms is the dealer's word: rentals or hires.
# $dealer is the dealer's name. Labels in capitals are printed small, as headings.

## Both documents
doc-customer = CUSTOMER
doc-store = STORE
doc-account = Account { $number }
# On every page; $date is the day the document is made.
doc-footer = Generated { $date } — page { $page } of { $pages }
doc-column-number = #
doc-column-quantity = QTY
doc-column-amount = AMOUNT
doc-status = STATUS
doc-detail-contract = CONTRACT
doc-detail-job = JOB
doc-detail-po = PO
doc-detail-branch = BRANCH
doc-amount-due = Amount due

## Contracts ($number: the contract's)
doc-contract-kind = { $terms ->
        [hires] HIRE CONTRACT
       *[rentals] RENTAL CONTRACT
    }
# The PDF's title, as a reader's window shows it.
doc-contract-title = { $dealer } contract { $number }
doc-contract-continued = Contract { $number } (continued)
doc-ordered-by = Ordered by { $name }
# $status: quote, reservation, open or closed.
doc-contract-status = { $status ->
        [quote] Quote
        [reservation] Reservation
        [open] Open
       *[closed] Closed
    }
doc-detail-start-date = START DATE
doc-detail-close-date = CLOSE DATE
doc-detail-last-updated = LAST UPDATED
doc-detail-job-site = JOB SITE
doc-column-item = ITEM
# The day an item went out; the next column the day it is (or was) back.
doc-column-start = { $terms ->
        [hires] ON HIRE
       *[rentals] OUT
    }
doc-column-return = RETURN
# $status: reserved, out, called_off or returned.
doc-line-status = { $status ->
        [reserved] Reserved
        [out] { $terms ->
            [hires] On hire
           *[rentals] On rent
        }
        [called_off] { $terms ->
            [hires] Off-hired
           *[rentals] Called off
        }
       *[returned] Returned
    }
doc-serial = Serial { $serial }
doc-rate-day = Day { $rate }
doc-rate-week = Week { $rate }
doc-rate-month = Month { $rate }
doc-sale = Sale
doc-no-contract-lines = No lines on this contract yet.
doc-contract-total = Contract total
doc-contract-charges-note = { $terms ->
        [hires] Hire charges run until the items are off-hired and collected.
       *[rentals] Rental charges run until the items are called off and picked up.
    }
doc-notes = NOTES

## Invoices and credit memos ($kind: invoice or credit_memo; $number: the document's)
doc-invoice-kind = { $kind ->
        [credit_memo] CREDIT MEMO
       *[invoice] INVOICE
    }
# The PDF's title, as a reader's window shows it.
doc-invoice-title = { $dealer } { $kind ->
        [credit_memo] credit memo
       *[invoice] invoice
    } { $number }
# At the foot of every page.
doc-invoice-issuer = { $dealer } · { $kind ->
        [credit_memo] credit memo
       *[invoice] invoice
    } { $number }
doc-invoice-continued = { $kind ->
        [credit_memo] Credit memo
       *[invoice] Invoice
    } { $number } (continued)
doc-detail-number = NUMBER
doc-detail-date = DATE
doc-detail-due-date = DUE DATE
# $status: overdue, open, paid or void.
doc-invoice-status = { $status ->
        [overdue] Overdue
        [open] Open
        [paid] Paid
       *[void] Void
    }
doc-column-description = DESCRIPTION
doc-column-unit-price = UNIT PRICE
doc-no-invoice-lines = No lines on this document.
doc-subtotal = Subtotal
doc-tax = Tax
doc-total = Total
# What was paid towards an invoice, or applied from a credit memo.
doc-paid = { $kind ->
        [credit_memo] Applied
       *[invoice] Paid
    }
doc-credit-remaining = Credit remaining
doc-pending-payments = { $amount } paid online is being processed.
