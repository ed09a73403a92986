# Spanish (the same ids as en/) — shared components: lists, filters, pagers, status chips, downloads, forms.
# $terms is the dealer's word: rentals or hires.

## Status chips: a contract's status, a line's status or kind
status-contract-quote = Cotización
status-contract-reservation = Reserva
status-contract-open = Abierto
status-contract-closed = Cerrado
status-line-reserved = Reservado
status-line-out = Alquilado
status-line-called-off = Retiro solicitado
status-line-returned = Devuelto
status-line-sale = Venta
status-line-fee = Cargo

## Loading and errors
common-try-again = Intentar de nuevo

## Contract list: table columns, cards and the phone sort
contract-list-contract = Contrato
contract-list-status = Estado
contract-list-start = Inicio
contract-list-closed = Cierre
contract-list-location = Sucursal
contract-list-job = Obra
contract-list-po = OC
contract-list-amount = Monto
contract-list-amount-due = Saldo pendiente
contract-list-sort-newest-start = Fecha de inicio más reciente
contract-list-sort-oldest-start = Fecha de inicio más antigua
contract-list-sort-latest-close = Fecha de cierre más reciente
contract-list-sort-number = Número de contrato
contract-list-sort-amount = Monto más alto
contract-list-sort-amount-due = Saldo pendiente más alto
contract-list-sort-status = Estado
contract-list-sort-number-desc = Número de contrato (desc.)

## Filters
filter-search = Buscar
filter-contracts-search = Contrato, obra, OC, artículo, serie…
filter-filters = Filtros
# For screen readers, after "Filters": how many filters are in force.
filter-active = { $count ->
        [one] , { $count } activo
       *[other] , { $count } activos
    }
filter-status = Estado
filter-all-statuses = Todos los estados
filter-start-from = Inicio desde
filter-start-to = Inicio hasta
filter-location = Sucursal
filter-all-locations = Todas las sucursales
filter-job = Obra
filter-po = OC
filter-apply = Aplicar filtros
filter-clear = Borrar

## Lists: sort, pages, ticked rows
list-sort = Ordenar
pager-label = Páginas
pager-previous-page = Página anterior
pager-previous = Anterior
pager-next-page = Página siguiente
pager-next = Siguiente
pager-no-results = Sin resultados
pager-showing = Mostrando { $first }–{ $last } de { $total }
selection-select-page = Seleccionar todo en esta página
selection-count = { $count ->
        [one] { $count } seleccionado
       *[other] { $count } seleccionados
    }
selection-clear = Borrar

## Downloads
download-csv = Descargar CSV
download-open-pdf = Abrir PDF
download-pdf = Descargar PDF
download-refused = Su navegador rechazó la descarga.
download-file-refused = Su navegador rechazó el archivo.
download-no-window = No hay ventana del navegador.
download-no-document = No hay documento.
download-no-link = No se pudo crear un enlace.
download-no-body = No hay cuerpo de página.

## Account frame
layout-unknown-account-title = Cuenta no disponible
layout-unknown-account-text = Esta cuenta no está disponible con su inicio de sesión.
layout-unknown-account-choose = Elegir una cuenta
