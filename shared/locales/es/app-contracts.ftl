# Spanish (the same ids as en/) — contracts, contract detail, tracking.
# $terms is the dealer's word: rentals or hires.

## Contract list
contracts-title-all = Todos los contratos
contracts-title-open = Mis alquileres
contracts-title-reservations = Reservas
contracts-title-quotes = Cotizaciones
contracts-title-closed = Contratos cerrados
contracts-empty-title = Ningún contrato coincide con estos filtros
contracts-empty-text = Pruebe con un rango de fechas más amplio o con menos filtros.
contracts-empty-clear = Borrar filtros
# A contract's tab title, and a link to it.
contracts-contract-number = Contrato { $number }
# An item's serial number.
contracts-serial-number = N/S { $serial }

## Contract detail
contract-detail-back = Volver a contratos
contract-detail-not-found-title = Contrato no encontrado
contract-detail-not-found-text = Este contrato no existe o no pertenece a esta cuenta.
contract-detail-eyebrow = Contrato
contract-detail-amount = Monto
contract-detail-amount-due = Saldo pendiente
contract-detail-location = Sucursal
contract-detail-job = Obra
contract-detail-po = OC
contract-detail-job-site = Sitio de obra
contract-detail-ordered-by = Pedido por
contract-detail-start-date = Fecha de inicio
contract-detail-close-date = Fecha de cierre
contract-detail-book-again = Reservar de nuevo
contract-detail-pay = Pagar este contrato
contract-detail-lines = Artículos y cargos ({ $count })
contract-detail-description = Descripción
contract-detail-item-serial = Artículo / serie
contract-detail-item = Artículo
contract-detail-serial = Serie
contract-detail-qty = Cant.
contract-detail-status = Estado
contract-detail-rates = Tarifas
contract-detail-start = Inicio
contract-detail-expected-back = Devolución prevista
contract-detail-returned = Devuelto
# A line's rates stacked in the table: "$45.00 / day".
contract-detail-per-day = día
contract-detail-per-week = semana
contract-detail-per-month = mes
# A line's rates on phones.
contract-detail-rate-day = Día { $rate }
contract-detail-rate-week = Semana { $rate }
contract-detail-rate-month = Mes { $rate }

## Tracking
tracking-title = Ubicación
tracking-lead = Dónde se reportaron por última vez sus artículos alquilados.
tracking-refresh = Actualizar
tracking-empty = Nada alquilado en este momento
tracking-map-empty = Ninguno de estos artículos ha reportado una posición todavía.
tracking-located = { $count ->
        [one] { $located } de { $count } artículo con posición reportada.
       *[other] { $located } de { $count } artículos con posición reportada.
    }
tracking-open-map = Abrir en mapas
tracking-no-position = Sin posición reportada
tracking-map-label = { $count ->
        [one] Mapa del sitio con { $count } artículo
       *[other] Mapa del sitio con { $count } artículos
    }
# The width of the site map; $distance is a number.
tracking-map-across-m = ≈ { $distance } m de ancho
tracking-map-across-km = ≈ { $distance } km de ancho
# A map marker for two or more items at one place, and the site they share.
tracking-place-items = { $count } artículos
tracking-place-items-site = { $count } artículos · { $site }
# A marker's name for screen readers; it starts with what the marker shows (its number, or how
# many items share the spot, then $label), in that order.
tracking-marker-one = { $number } { $label }, abrir en mapas
tracking-marker-many = { $count } { $label }: artículos { $numbers }, abrir en mapas
