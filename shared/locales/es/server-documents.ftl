# Spanish (the same ids as en/) — the PDFs the server renders (contracts, invoices).
# $terms is the dealer's word: rentals or hires.
# Neutral Latin-American Spanish.

## Both documents
doc-customer = CLIENTE
doc-store = SUCURSAL
doc-account = Cuenta { $number }
doc-footer = Generado el { $date } — página { $page } de { $pages }
doc-column-number = #
doc-column-quantity = CANT.
doc-column-amount = MONTO
doc-status = ESTADO
doc-detail-contract = CONTRATO
doc-detail-job = OBRA
doc-detail-po = ORDEN DE COMPRA
doc-detail-branch = SUCURSAL
doc-amount-due = Monto adeudado

## Contracts ($number: the contract's)
doc-contract-kind = CONTRATO DE ALQUILER
doc-contract-title = { $dealer }: contrato { $number }
doc-contract-continued = Contrato { $number } (continuación)
doc-ordered-by = Pedido por { $name }
doc-contract-status = { $status ->
        [quote] Cotización
        [reservation] Reserva
        [open] Abierto
       *[closed] Cerrado
    }
doc-detail-start-date = FECHA DE INICIO
doc-detail-close-date = FECHA DE CIERRE
doc-detail-last-updated = ÚLTIMA ACTUALIZACIÓN
doc-detail-job-site = DIRECCIÓN DE LA OBRA
doc-column-item = ARTÍCULO
doc-column-start = SALIDA
doc-column-return = DEVOLUCIÓN
doc-line-status = { $status ->
        [reserved] Reservado
        [out] En alquiler
        [called_off] Retiro solicitado
       *[returned] Devuelto
    }
doc-serial = Serie { $serial }
doc-rate-day = Día { $rate }
doc-rate-week = Semana { $rate }
doc-rate-month = Mes { $rate }
doc-sale = Venta
doc-no-contract-lines = Este contrato aún no tiene líneas.
doc-contract-total = Total del contrato
doc-contract-charges-note = Los cargos de alquiler continúan hasta que se solicite el retiro de los artículos y estos se recojan.
doc-notes = NOTAS

## Invoices and credit memos ($kind: invoice or credit_memo; $number: the document's)
doc-invoice-kind = { $kind ->
        [credit_memo] NOTA DE CRÉDITO
       *[invoice] FACTURA
    }
doc-invoice-title = { $dealer }: { $kind ->
        [credit_memo] nota de crédito
       *[invoice] factura
    } { $number }
doc-invoice-issuer = { $dealer } · { $kind ->
        [credit_memo] nota de crédito
       *[invoice] factura
    } { $number }
doc-invoice-continued = { $kind ->
        [credit_memo] Nota de crédito
       *[invoice] Factura
    } { $number } (continuación)
doc-detail-number = NÚMERO
doc-detail-date = FECHA
doc-detail-due-date = FECHA DE VENCIMIENTO
doc-invoice-status = { $status ->
        [overdue] Vencida
        [open] Abierta
        [paid] Pagada
       *[void] Anulada
    }
doc-column-description = DESCRIPCIÓN
doc-column-unit-price = PRECIO UNIT.
doc-no-invoice-lines = Este documento no tiene líneas.
doc-subtotal = Subtotal
doc-tax = Impuestos
doc-total = Total
doc-paid = { $kind ->
        [credit_memo] Aplicado
       *[invoice] Pagado
    }
doc-credit-remaining = Crédito disponible
doc-pending-payments = { $amount } pagados en línea en proceso de acreditación.
