# Spanish (the same ids as en/) — rentals, call-off, extension, service request, book again.
# $terms is the dealer's word: rentals or hires.

## My Rentals / My Hires
rentals-views-label = Qué artículos
rentals-view-on-rent = Alquilados
rentals-view-upcoming = Por llegar
rentals-view-returned = Devueltos
rentals-view-all = Todos
rentals-sort-start-newest = Inicio más reciente
rentals-sort-start-oldest = Inicio más antiguo
rentals-sort-back-soonest = Devolución prevista, más próxima
rentals-sort-back-latest = Devolución prevista, más lejana
rentals-sort-contract = Número de contrato
rentals-sort-description-az = Descripción A–Z
rentals-sort-description-za = Descripción Z–A
rentals-select = Seleccionar
rentals-select-done = Listo
rentals-select-hint = Toque los artículos para solicitar su retiro, servicio o extensión.
rentals-search-placeholder = Artículo, serie, obra…
rentals-filter-due-by = Devolución prevista hasta
rentals-empty-filtered = Ningún artículo coincide con estos filtros
rentals-empty-on-rent = No tiene nada alquilado en este momento
rentals-empty-upcoming = Nada reservado para más adelante
rentals-empty-returned = Todavía no hay nada devuelto
rentals-empty-all = Todavía no hay alquileres en esta cuenta
rentals-clear-filters = Borrar filtros
rentals-per-day = / día
rentals-per-week = / semana
rentals-per-month = / mes
rentals-select-item = Seleccionar { $item }
rentals-select-all = Seleccionar todo en esta página
rentals-item = Artículo
rentals-contract = Contrato
rentals-status = Estado
rentals-start = Inicio
rentals-expected-back = Devolución prevista
rentals-returned = Devuelto
rentals-returned-on = Devuelto el { $date }
rentals-rates = Tarifas
rentals-site-store = Obra / tienda
rentals-site-job = { $site } · Obra { $job }
rentals-serial-asset = Serie / activo
rentals-location = Tienda
rentals-job = Obra
rentals-job-site = Dirección de la obra
rentals-rate-day = Día { $rate }
rentals-rate-week = Semana { $rate }
rentals-rate-month = Mes { $rate }
rentals-selected-items = Artículos seleccionados
rentals-call-off-items = Solicitar retiro de { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    }
rentals-extend = Extender
rentals-service = Servicio

## Call-off / off-hire
call-off-not-allowed = Su acceso permite ver esta cuenta, pero no solicitar retiros. Pida ese permiso al titular de la cuenta.
call-off-nothing-title = No hay artículos para retirar
call-off-nothing-text = Primero elija en la página de alquileres los artículos que están en la obra.
call-off-date-missing = Elija la fecha de retiro.
call-off-date-past = La fecha de retiro no puede ser anterior a hoy.
call-off-date-before-start = No antes del inicio del alquiler: { $item } salió el { $date }.
call-off-site-missing = Escriba la dirección donde se pueden retirar los artículos.
call-off-title = Solicitud de retiro
call-off-lead = Pida a { $dealer } que retire { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    }. Recibirá un número de confirmación de inmediato.
call-off-submit = Enviar solicitud de retiro
call-off-returner = Persona que devuelve
call-off-skipped = { $count ->
        [one] { $count } de los artículos elegidos no está en la obra y queda fuera.
       *[other] { $count } de los artículos elegidos no están en la obra y quedan fuera.
    }
call-off-pickup = Retiro
call-off-date-hint = Hoy significa lo antes posible.
call-off-window-any = Cualquier hora
call-off-window-morning = Mañana (7:00–12:00)
call-off-window-afternoon = Tarde (12:00–17:00)
call-off-window-first-thing = A primera hora (7:00–9:00)
call-off-driver-notes = Notas para el conductor
call-off-driver-notes-placeholder = Dónde está la máquina en la obra, código del portón…

## Extension
extension-not-allowed = Su acceso permite ver esta cuenta, pero no cambiar fechas de devolución. Pida ese permiso al titular de la cuenta.
extension-nothing-title = No hay artículos para extender
extension-nothing-text = Primero elija en la página de alquileres artículos que estén en la obra o reservados.
extension-expected-back = Devolución prevista actual: { $date }.
extension-pick-date = Elija la fecha en que prevé devolver los artículos.
extension-date-missing = Elija la nueva fecha de devolución.
extension-date-too-early = Elija el { $date } o una fecha posterior.
extension-title = Solicitar una extensión
extension-lead = Pida a { $dealer } conservar { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    } por más tiempo.
extension-submit = Solicitar extensión
extension-return-on = Devolver el

## Service request
service-new-call = Nueva solicitud de servicio
service-description-missing = Indique a la tienda qué falla o qué necesita.
service-lead = { $dealer } se comunicará con usted al respecto.
service-submit = Enviar solicitud de servicio
service-what = ¿Qué necesita?
service-kind-label = Tipo de servicio
service-kind-breakdown = Avería
service-kind-damage = Reportar daño
service-kind-maintenance = Mantenimiento
service-kind-other = Otro
service-description-placeholder = Qué pasó, códigos de error, cuándo lo necesita de nuevo…

## Book again
book-again-not-allowed = Su acceso permite ver esta cuenta, pero no hacer pedidos. Pida ese permiso al titular de la cuenta.
book-again-start-missing = Elija la fecha desde la que necesita los artículos.
book-again-start-past = La fecha de inicio no puede ser anterior a hoy.
book-again-end-invalid = Indique una fecha o deje el campo vacío.
book-again-end-before-start = La fecha de fin no puede ser anterior a la de inicio.
book-again-address-missing = Escriba la dirección de entrega.
book-again-lines-missing = Elija al menos un artículo.
book-again-title = Volver a reservar
book-again-lead = Pida a { $dealer } que vuelva a reservar los artículos del contrato { $number }.
book-again-submit = Enviar solicitud de reserva
book-again-last-time = La última vez: del { $start } al { $end }.
book-again-last-from = La última vez: desde el { $start }.
book-again-items = Artículos
book-again-when-where = Cuándo y dónde
book-again-delivery-address = Dirección de entrega
book-again-no-rental-items = Este contrato no tiene artículos de alquiler; la tienda lo llamará para ver qué necesita.
