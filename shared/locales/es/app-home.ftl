# Spanish (the same ids as en/) — the customer's home page and its tiles.
# $terms is the dealer's word: rentals or hires.

## Home
home-welcome = Bienvenido
home-welcome-name = Bienvenido, { $name }
home-default-welcome = Todo lo de la cuenta { $number } con { $dealer }, en un solo lugar.
home-account-chip = { $name } · Cuenta { $number }
home-tiles-label = ¿Qué desea hacer?
home-items-out = { $count ->
        [one] { $count } artículo alquilado
       *[other] { $count } artículos alquilados
    } ahora
home-due-none = ninguno vence esta semana
home-due-this-week = { $count ->
        [one] { $count } vence esta semana
       *[other] { $count } vencen esta semana
    }
home-nothing-out = Nada alquilado ahora · artículos por llegar y devueltos
home-rentals-default = Artículos alquilados ahora, por llegar y devueltos
call-off = Solicitar retiro
home-call-off-text = Pida que retiren los equipos que ya no necesita
home-invoices = Facturas
home-invoices-due-overdue = { $due } pendiente, { $overdue } vencido
home-invoices-due = { $due } pendiente
home-invoices-paid = Nada pendiente: todo pagado
home-invoices-default = Facturas, saldo y PDF
home-pay = Pagar
home-pay-due = Pague { $due } en línea
home-pay-default = Pague facturas o a cuenta
home-reservations = Reservas
home-reservations-text = Equipos reservados para una fecha futura
home-quotes = Cotizaciones
home-quotes-text = Precios que la tienda le ha cotizado
home-contracts = Todos los contratos
home-contracts-text = Busque, filtre y exporte a CSV
home-requests = Mis solicitudes
home-requests-none = Ninguna abierta · retiros, servicios y extensiones
home-requests-open = { $count ->
        [one] { $count } abierta
       *[other] { $count } abiertas
    } · retiros, servicios y extensiones
home-requests-default = Retiros, servicios y extensiones, y en qué estado están
home-tracking = Ubicación
home-tracking-text = Dónde se vieron por última vez sus equipos alquilados
home-feedback = Preguntas y comentarios
home-feedback-text = Escriba a la tienda y vea sus respuestas
home-contact = Contactar a la tienda
home-contact-text = ¿Preguntas? { $dealer } está para ayudarle.
home-contact-none = Los datos de contacto aún no están disponibles.

## Time (any screen): how long since, how long ago
time-under-a-minute = menos de un minuto
time-minutes = { $count } min
time-hours = { $count } h
time-days = { $count ->
        [one] { $count } día
       *[other] { $count } días
    }
time-just-now = justo ahora
time-ago = hace { $elapsed }

summary-title = Resumen de la cuenta
summary-link = Resumen de la cuenta
summary-account-number = Número de cuenta
summary-address = Dirección
summary-phone = Teléfono
summary-email = Correo electrónico
summary-credit = Crédito
summary-credit-limit = Límite de crédito
summary-no-credit-limit = Sin límite fijado
summary-available-credit = Crédito disponible
summary-last-payment = Último pago
summary-no-payments = Aún no hay pagos
summary-recent-invoices = Últimas facturas
summary-recent-payments = Últimos pagos
summary-recent-requests = Últimas solicitudes
summary-no-invoices = Aún no hay facturas
summary-no-requests = Aún no hay solicitudes
summary-see-all = Ver todo
