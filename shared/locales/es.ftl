# Los mensajes del portal en español (mismos ids que en.ftl).

## Login and language
login-title = Inicie sesión en su cuenta
login-subtitle = Vea sus contratos, alquileres y cotizaciones en un solo lugar.
login-field = Correo electrónico o teléfono
login-password = Contraseña
login-submit = Iniciar sesión
login-submitting = Iniciando sesión…
login-missing = Escriba su correo electrónico o teléfono y su contraseña.
login-forgot = ¿Olvidó su contraseña?
login-first-time = ¿Es su primera vez?
login-register = Regístrese con el teléfono de su cuenta
login-no-login = ¿Aún no tiene acceso?
login-signup = Cree su cuenta
login-help = ¿Problemas para entrar? Llame a { $dealer } al
language-label = Idioma

## Sections
nav-home = Inicio
nav-my-items = Mis alquileres
nav-items-short = Alquileres
nav-contracts = Contratos
nav-invoices = Facturas
nav-payments = Pagos
nav-requests = Solicitudes
nav-tracking = Ubicación
nav-contact = Contactar a la tienda
nav-sections = Secciones
nav-account = Cuenta

## Account menu
menu-your-details = Sus datos
menu-change-password = Cambiar contraseña
menu-log-out = Cerrar sesión
menu-log-out-all = Cerrar sesión en todos los dispositivos

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

## Without signal
offline-banner-title = Sin conexión — datos de las { $time }
offline-banner-text = Se muestra lo que vio por última vez. Las solicitudes y los pagos necesitan conexión.
error-offline = Está sin conexión: no se envió nada. Inténtelo de nuevo cuando tenga señal.
error-network = No pudimos comunicarnos con el servidor. Revise su conexión e inténtelo de nuevo.
