# Spanish (the same ids as en/) — the shell of the web app: login, language, sections, account menu, no signal. Compiled into the main module (English) or fetched at start.
# $terms is the dealer's word: rentals or hires.

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
dev-mailbox = Buzón de desarrollo

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

## Header
header-inbox = Bandeja de entrada
header-account-number = Cuenta { $number }
header-switch-account = Cambiar de cuenta
header-all-accounts = Todas las cuentas

## Account menu
menu-your-details = Sus datos
menu-change-password = Cambiar contraseña
menu-log-out = Cerrar sesión
menu-log-out-all = Cerrar sesión en todos los dispositivos
menu-your-login = Su usuario:
menu-users = Usuarios de esta cuenta
menu-exit-view = Salir de la vista
logout-all-title = ¿Cerrar sesión en todos los dispositivos?
logout-all-text = Se cerrará su sesión aquí y en cada teléfono, tableta y computadora donde la haya iniciado. Puede volver a iniciar sesión con su contraseña.
logout-all-cancel = Cancelar
logout-all-confirm = Cerrar sesión en todos

## Without signal
offline-banner-title = Sin conexión — datos de las { $time }
offline-banner-text = Se muestra lo que vio por última vez. Las solicitudes y los pagos necesitan conexión.
error-offline = Está sin conexión: no se envió nada. Inténtelo de nuevo cuando tenga señal.
error-network = No pudimos comunicarnos con el servidor. Revise su conexión e inténtelo de nuevo.

## Errors
error-problem-detail = { $title } — { $detail }
error-problem-field = { $title }: { $message }
error-rate-limited-for = Demasiados intentos; inténtelo de nuevo en { $count ->
        [one] { $count } minuto
       *[other] { $count } minutos
    }.
error-rate-limited = Demasiados intentos; espere unos minutos e inténtelo de nuevo.
error-unexpected = El servidor envió una respuesta que no pudimos entender.
error-signed-out = Su sesión terminó. Vuelva a iniciar sesión.
error-payment-declined = El pago fue rechazado. No se cobró nada.

## Forms of the signed-out screens
form-your-login = Su usuario
form-setting-up = Configurando…
password-new = Nueva contraseña
password-repeat = Repita la nueva contraseña
password-show = Mostrar contraseñas
password-hide = Ocultar contraseñas
password-too-short = Use al menos { $min } caracteres.
password-mismatch = Las dos contraseñas no coinciden.

## Page not found
not-found-title = Página no encontrada
not-found-text = La página que solicitó no existe o se movió.
not-found-home = Ir al inicio

## A screen whose code could not be downloaded
area-unavailable-title = No se pudo cargar esta pantalla
area-unavailable-text = Revise su conexión y vuelva a intentarlo.
area-unavailable-retry = Reintentar

## Shown by the frame before the screens' words arrive: loading, the bell, a view as a customer
common-loading = Cargando…
common-error-title = Algo salió mal
bell-all-requests = Todas las solicitudes
bell-empty = Nada nuevo. Aquí aparecerán las nuevas solicitudes y los mensajes.
bell-feedback = Comentarios
bell-notifications = Notificaciones
bell-label-unread = Notificaciones, { $count } sin leer
view-as-back = Volver a su vista
view-as-exit = Salir de la vista
view-as-button = Ver como { $name }
view-as-ended = La vista como { $who } ha terminado.
view-as-title = Vea el portal exactamente como lo ve { $name }, en modo de solo lectura, hasta por 30 minutos
view-as-viewing = Viendo como { $who } — solo lectura
