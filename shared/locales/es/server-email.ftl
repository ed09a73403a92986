# Spanish (the same ids as en/) — e-mails the server sends.
# $terms is the dealer's word: rentals or hires.
# Neutral Latin-American Spanish, addressing the reader as "usted".

## The layout around every letter
email-greeting = Hola:
email-greeting-name = Hola, { $name }:
email-open-link = O abra este enlace:
email-contact = ¿Tiene preguntas? Contáctenos: { $contact }.
email-labelled = { $label }:

## Labels of the facts listed in a letter
email-detail-account = Cuenta
email-detail-received = Fecha de recepción
email-detail-store = Sucursal
email-detail-kind = Tipo
email-detail-from = De
email-detail-reply-to = Responder a
email-detail-phone = Teléfono
email-detail-endpoint = Endpoint
email-detail-why = Motivo
email-detail-receipt-number = Número de recibo
email-detail-date = Fecha
email-detail-paid-by = Pagado por
email-detail-method = Método de pago
email-detail-amount = Monto
email-detail-paid-towards = Aplicado a
email-detail-reference = Referencia
email-detail-confirmation-number = Número de confirmación
email-detail-service = Servicio
email-detail-items = Artículos
email-detail-pickup-date = Fecha de retiro
email-detail-billing-stops = { $terms ->
        [hires] Fin de los cargos de alquiler
       *[rentals] Fin de la facturación
    }
email-detail-new-return-date = Nueva fecha de devolución
email-detail-wanted-from = Desde
email-detail-wanted-until = Hasta
email-detail-scheduled-for = Fecha programada
email-detail-site-address = Dirección de la obra
email-detail-contact = Contacto
email-detail-description = Descripción
email-detail-notes = Notas

## Passwords, invitations, sign-up and change of e-mail
email-log-in = Iniciar sesión
email-password-reset-subject = Restablezca su contraseña de { $dealer }
email-password-reset-asked = Alguien solicitó restablecer la contraseña de su acceso al portal de { $dealer }.
email-password-reset-expiry = El enlace de abajo funciona una sola vez y vence en { $minutes } minutos.
email-password-reset-action = Elija una nueva contraseña
email-password-reset-footer = Si usted no lo solicitó, ignore este correo: su contraseña no cambia.
email-admin-setup-subject = Configure su acceso de administrador de { $dealer }
email-admin-setup-created = Se creó para usted un acceso de administrador al portal de { $dealer }.
email-choose-password-expiry = Elija su contraseña con el enlace de abajo. Funciona una sola vez y vence en { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }.
email-choose-password-action = Elija su contraseña
email-unexpected-footer = Si no lo esperaba, ignore este correo: no pasará nada hasta que se use el enlace.
email-staff-invitation-subject = Únase al equipo de { $dealer }
# $role: dealer_admin or dealer_staff.
email-staff-invitation-invited = { $inviter } le invitó al portal de { $dealer } con el rol de { $role ->
        [dealer_admin] administrador
       *[dealer_staff] personal de la tienda
    }.
email-staff-invitation-an-admin = Un administrador
email-password-changed-subject = Se cambió su contraseña de { $dealer }
email-password-changed-body = La contraseña de su acceso al portal acaba de cambiarse y se cerró la sesión en todos los dispositivos.
email-password-changed-footer = Si no fue usted, contáctenos de inmediato.
email-temporary-password-subject = Su contraseña temporal de { $dealer }
email-temporary-password-reset = { $dealer } restableció la contraseña de su acceso al portal. Su contraseña temporal es:
email-temporary-password-once = Funciona para un solo inicio de sesión. Justo después de iniciar sesión con ella se le pedirá que elija una contraseña propia; hasta entonces, nada más funciona en el portal.
email-temporary-password-logged-out = Se cerró su sesión en todos los dispositivos.
email-temporary-password-footer = Si usted no se lo pidió a su tienda de alquiler, contáctenos de inmediato.
email-invitation-subject = Tiene una invitación al portal de { $dealer }
email-invitation-body = Recibió una invitación al portal de clientes de { $dealer } para la cuenta de { $customer }: consulte sus contratos y facturas, pague y solicite retiros en línea.
email-invitation-expiry = El enlace de abajo funciona una sola vez y vence en { $days ->
        [one] { $days } día
       *[other] { $days } días
    }. Si { $email } ya tiene acceso al portal, inicie sesión con él y la cuenta se agregará a su lista.
email-invitation-action = Aceptar la invitación
email-invitation-footer = Si no lo esperaba, ignore este correo.
email-signup-subject = Confirme su acceso al portal de { $dealer }
email-signup-asked = Alguien solicitó crear un acceso al portal de { $dealer } para la cuenta de { $customer } con esta dirección de correo electrónico.
email-signup-expiry = Para confirmar, abra el enlace de abajo y elija una contraseña. Funciona una sola vez y vence en { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }.
email-signup-action = Confirmar y elegir una contraseña
email-signup-footer = Si usted no lo solicitó, ignore este correo: no se creará ningún acceso.
email-existing-login-subject = Usted ya tiene acceso al portal de { $dealer }
email-existing-login-body = Alguien solicitó crear un acceso al portal de { $dealer } con esta dirección de correo electrónico, pero usted ya tiene uno: inicie sesión con esta dirección y su contraseña.
email-existing-login-forgot = ¿Olvidó su contraseña? Elija una nueva aquí: { $link }
email-existing-login-footer = Si usted no lo solicitó, ignore este correo: nada ha cambiado.
email-change-confirm-subject = Confirme su nuevo correo de acceso a { $dealer }
email-change-confirm-asked = Usted solicitó usar esta dirección de correo electrónico para su acceso al portal de { $dealer }.
email-change-confirm-expiry = Confírmela con el enlace de abajo; hasta entonces, su acceso conserva la dirección anterior. El enlace funciona una sola vez y vence en { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }.
email-change-confirm-action = Confirmar esta dirección de correo
email-change-confirm-footer = Si usted no lo solicitó, ignore este correo: nada cambia.
email-change-notice-subject = Se está cambiando su correo de acceso a { $dealer }
email-change-notice-body = Alguien que inició sesión en su acceso al portal de { $dealer } solicitó cambiar su dirección de correo electrónico a { $email }. El cambio se hará cuando se abra el enlace enviado a esa dirección.
email-change-notice-footer = Si no fue usted, cambie su contraseña y contáctenos de inmediato.

## Feedback to the store ($kind: question, feedback or complaint)
email-feedback-kind = { $kind ->
        [question] Pregunta
        [complaint] Queja
       *[feedback] Comentario
    }
email-feedback-subject = { email-feedback-kind }: { $subject } ({ $customer })
email-feedback-body = { $customer } envió { $kind ->
        [question] una pregunta
        [complaint] una queja
       *[feedback] un comentario
    } por el portal de clientes: “{ $subject }”
email-feedback-footer = Márquelo como atendido en la bandeja de comentarios del portal cuando lo haya respondido.

## Webhooks
email-webhook-disabled-subject = Se desactivó un endpoint de webhooks
email-webhook-disabled-stopped = El portal de { $dealer } dejó de enviar webhooks a { $url }.
email-webhook-disabled-resume = Los eventos siguen en cola y no se pierde nada: cuando el endpoint vuelva a responder, actívelo en la página Webhooks del portal y la cola se reanudará donde se detuvo.
email-webhook-disabled-action = Abrir Webhooks
email-webhook-disabled-footer = Recibe este correo como administrador del portal.

## Payment receipts ($amount, $date and $number: the payment's)
email-bank-account = Cuenta bancaria
email-tender = { $tender ->
        [cash] Efectivo
        [check] Cheque
        [card] Tarjeta
        [ach] Cuenta bancaria (ACH)
       *[other] Otro
    }
email-receipt-subject = Recibo { $number }: su pago de { $amount }
email-receipt-received = Gracias: recibimos su pago de { $amount } el { $date }. Su número de recibo es { $number }.
email-receipt-pending-subject = Su pago bancario { $number } de { $amount } fue enviado
email-receipt-pending = Su pago bancario de { $amount } se envió el { $date }. Se acreditará en un plazo de 3 a 5 días hábiles. Su número de recibo es { $number }.
email-receipt-keep = Conserve este correo como comprobante de pago.
email-receipt-invoice-line = Factura { $number }: { $amount }
email-receipt-on-account-line = A cuenta: { $amount }
email-receipt-footer = Puede ver sus pagos en el portal, en Pagos.

## Requests ($kind: call_off, service, extension or book_again; $number: its confirmation number; $noun: email-request-noun)
# Every kind is a "solicitud" (feminine): the sentences below agree with it.
email-request-noun = { $kind ->
        [call_off] solicitud de retiro
        [service] solicitud de servicio
        [extension] solicitud de extensión
       *[book_again] solicitud de reserva
    }
email-service-kind = { $service ->
        [breakdown] Avería
        [damage] Reporte de daños
        [maintenance] Mantenimiento
       *[other] Otro
    }
email-request-item = { $quantity } x { $description } (contrato { $contract })
email-request-item-serial = { $quantity } x { $description } (contrato { $contract }, serie { $serial })
email-request-store-subject = Nueva { $noun } { $number } de { $customer }
email-request-store-body = { $customer } ({ $account }) envió una { $noun } por el portal de clientes. Está en la bandeja de entrada del portal: confirme su recepción ahí para que el cliente vea que se está atendiendo.
email-request-store-footer = Enviado por el portal de clientes.
email-request-copy-subject = Su { $noun } { $number } fue recibida
email-request-copy-received = Recibimos su { $noun } el { $date }. Su número de confirmación es { $number }.
email-request-copy-keep = Conserve este correo: registra cuándo nos pidió el retiro y la fecha a partir de la cual { $terms ->
        [hires] deben detenerse los cargos de alquiler
       *[rentals] debe detenerse la facturación
    }.
email-request-copy-steps = Le enviaremos un correo en cada paso: confirmada, programada y completada.
email-request-status = { $status ->
        [requested] pendiente
        [acknowledged] confirmada
        [scheduled] programada
        [completed] { $kind ->
            [call_off] completada (equipo retirado)
            [extension] aprobada
            [book_again] reservada
           *[service] completada
        }
       *[cancelled] cancelada
    }
email-request-status-subject = Su { $noun } { $number } está { $status }
email-request-now = Su { $noun } { $number } ahora está { $status }.
email-request-scheduled = Su { $noun } { $number } está programada para el { $date }.
email-request-note = Nota: { $note }
email-request-footer = Puede seguir esta solicitud en el portal, en Solicitudes.
