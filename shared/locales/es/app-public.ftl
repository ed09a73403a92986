# Spanish (the same ids as en/) — signed-out pages: password reset, register, invitation, sign-up, e-mail confirmation, change password.
# $terms is the dealer's word: rentals or hires.

## Shared by the signed-out pages
public-back-to-login = Volver a iniciar sesión
public-go-to-login = Ir a iniciar sesión
public-have-login = Ya tengo acceso
public-back-to-account = Volver a su cuenta
public-check-email = Revise su correo electrónico
public-sending = Enviando…
public-saving = Guardando…
public-new-password-title = Elija una nueva contraseña
public-new-password-hint = Use al menos 8 caracteres. Una frase corta que pueda recordar es una buena opción.
public-password-changed = Se cambió su contraseña
public-link-expired = Este enlace venció o ya se usó
public-set-up-login = Configure su acceso
public-set-up-my-login = Configurar mi acceso
public-email-missing = Escriba el correo electrónico registrado en su cuenta.
public-postal-missing = Escriba el código postal registrado en su cuenta.

## Forgot password
forgot-title = Restablezca su contraseña
forgot-lead = Escriba el correo electrónico o el teléfono con el que inicia sesión. Le enviaremos por correo un enlace para elegir una nueva contraseña.
forgot-missing = Escriba su correo electrónico o teléfono.
forgot-submit = Enviar enlace
forgot-spam-hint = ¿No recibió el correo después de unos minutos? Revise su carpeta de correo no deseado.
forgot-again = Enviar otro enlace

## Reset password
reset-submit = Guardar nueva contraseña
reset-done-text = Por su seguridad, cerramos su sesión en todos los dispositivos. Inicie sesión con su nueva contraseña.
reset-expired-text = Los enlaces para restablecer la contraseña funcionan una sola vez y por poco tiempo. Solicite uno nuevo y use el correo más reciente.
reset-new-link = Enviarme un enlace nuevo

## Register by phone
register-title = Configure su acceso al portal
register-welcome = ¡Le damos la bienvenida!
register-lead = ¿Es su primera vez? Confirme los datos que su tienda de alquiler tiene en su cuenta y elija una contraseña.
register-lead-from-login = Para terminar de configurar su acceso al portal, confirme los datos de su cuenta.
register-phone = Teléfono registrado en su cuenta
register-email = Correo electrónico registrado en su cuenta
register-postal = Código postal registrado en su cuenta
register-phone-missing = Escriba el teléfono registrado en su cuenta.
register-phone-invalid = Escriba un número de teléfono, por ejemplo (303) 555-1234.
register-email-invalid = Escriba un correo electrónico, por ejemplo nombre@empresa.com.
register-mismatch = No pudimos confirmar estos datos

## Invitation
invitation-title = Su invitación
invitation-loading = Abriendo su invitación…
invitation-load-failed = No pudimos abrir esta invitación
invitation-heading = Tiene una invitación para { $customer } en { $dealer }
invitation-lead = Vea los contratos, alquileres y cotizaciones de la cuenta en un solo lugar.
invitation-name = Su nombre
invitation-optional = (opcional)
invitation-accept = Aceptar y configurar mi acceso
invitation-added = { $customer } se agregó a sus cuentas
invitation-added-hint = Cambie de cuenta desde el nombre de la cuenta, en la parte superior de cada página.
invitation-open = Abrir { $customer }
invitation-signed-in-as = Inició sesión como { $email }. Al aceptar, esta cuenta se agrega a su acceso.
invitation-adding = Agregando…
invitation-add = Agregar { $customer } a sus cuentas
invitation-other-login = Inició sesión como { $me }, pero esta invitación es para { $email }. Inicie sesión como { $email } para agregar la cuenta a ese acceso.
invitation-has-login = { $email } ya tiene acceso al portal. Inicie sesión con ese usuario y la cuenta se agregará a sus otras cuentas.
invitation-switch-login = Cerrar sesión e iniciarla como { $email }
invitation-log-in = Iniciar sesión como { $email } para aceptar
invitation-forgot = ¿Olvidó su contraseña?
invitation-expired = Esta invitación venció o ya se usó
invitation-expired-text = Los enlaces de invitación funcionan una sola vez y por tiempo limitado. Pida a su tienda de alquiler que le envíe uno nuevo y use el correo más reciente.

## Sign-up
signup-lead = Indíquenos cuál es su cuenta y le enviaremos por correo un enlace para configurar su acceso.
signup-submit = Enviarme un enlace
signup-have = Tengo mi
signup-account-number = Número de cuenta
signup-contract-number = Número de contrato
signup-account-hint = Aparece en sus facturas y estados de cuenta.
signup-contract-hint = El número de cualquiera de sus contratos o cotizaciones.
signup-prove = Y para comprobarlo:
signup-postal = Código postal
signup-postal-label = Código postal de la cuenta
signup-fact-email = Correo electrónico de la cuenta
signup-send-to = Enviar el enlace a
signup-email-hint = Su correo electrónico de la cuenta, o el de un contacto. Será su usuario.
signup-account-missing = Escriba su número de cuenta.
signup-contract-missing = Escriba un número de contrato.
signup-fact-email-invalid = Escriba un correo electrónico como nombre@ejemplo.com.
signup-email-missing = Escriba el correo electrónico al que enviaremos el enlace.
signup-spam-hint = ¿No recibió el correo después de unos minutos? Revise su carpeta de correo no deseado, o verifique los números e inténtelo de nuevo.
signup-again = Intentar de nuevo
signup-confirm-loading = Abriendo su enlace…
signup-confirm-load-failed = No pudimos abrir este enlace
signup-confirm-heading = Configure su acceso para { $customer }
signup-confirm-lead = Vea sus contratos, alquileres y cotizaciones de { $dealer } en un solo lugar.
signup-confirm-has-login = { $email } ya tiene acceso al portal. Inicie sesión con ese usuario.
signup-expired-text = Los enlaces de registro funcionan una sola vez y por tiempo limitado. Solicite uno nuevo y use el correo más reciente.
signup-new-link = Solicitar un enlace nuevo

## Email confirmation
email-confirm-title = Confirme su correo electrónico
email-confirm-loading = Confirmando su correo electrónico…
email-confirm-done = Su correo electrónico está confirmado
email-confirm-done-text = De ahora en adelante, inicie sesión con su nuevo correo electrónico. El anterior ya no funciona.
email-confirm-expired-text = Los enlaces de confirmación funcionan una sola vez y por tiempo limitado. Vuelva a cambiar su correo electrónico para recibir uno nuevo.
email-confirm-to-portal = Ir al portal
email-confirm-failed = No pudimos confirmar su correo electrónico
email-confirm-taken = Otro usuario ya usa este correo electrónico, por lo que no puede ser el suyo.

## Change password
change-password-title = Cambie su contraseña
change-password-lead = Use al menos 8 caracteres. Su sesión seguirá abierta aquí; se cerrará en los demás dispositivos.
change-password-forced = Su tienda restableció su contraseña. Elija una nueva para continuar.
change-password-current = Contraseña actual
change-password-current-missing = Escriba su contraseña actual.
change-password-save = Guardar y continuar
change-password-done-text = Su sesión sigue abierta aquí. Por su seguridad, la cerramos en sus demás dispositivos.

## Dev mailbox
mailbox-eyebrow = Solo para desarrollo
mailbox-lead = Los correos que este servidor habría enviado, del más reciente al más antiguo. Nada sale de esta máquina.
mailbox-refresh = Actualizar
mailbox-list = Correos
mailbox-pick = Elija un correo para leerlo.
mailbox-all = Todos los correos
mailbox-to = Para
mailbox-sent = Enviado
mailbox-status = Estado
mailbox-status-pending = pendiente
mailbox-status-sending = enviando
mailbox-status-sent = enviado
mailbox-status-failed = fallido
mailbox-links = Enlaces en este correo
mailbox-frame-title = Correo: { $subject }
mailbox-plain-text = Texto sin formato
mailbox-empty = Aún no hay correos
mailbox-empty-text = Solicite restablecer una contraseña en la página de inicio de sesión y luego actualice.
mailbox-off = El buzón de desarrollo está desactivado: este servidor envía correos reales.
