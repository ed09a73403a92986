# Spanish (the same ids as en/) — invoices, payments, pay, the account's users and accounts, profile.
# $terms is the dealer's word: rentals or hires.

## Invoice list
invoices-title = Facturas
invoices-back-home = Inicio
invoices-payment-history = Historial de pagos
invoices-views-label = Qué facturas
invoices-view-open = Abiertas
invoices-view-paid = Pagadas
invoices-view-all = Todas
invoices-sort-newest = Más recientes primero
invoices-sort-oldest = Más antiguas primero
invoices-sort-due-soonest = Vencimiento, más próximo
invoices-sort-due-latest = Vencimiento, más lejano
invoices-sort-amount-due = Monto adeudado, mayor
invoices-sort-total = Total, mayor
invoices-sort-number = Número de factura
invoices-select-to-pay = Seleccionar para pagar
invoices-select-done = Listo
invoices-select-hint = Toque las facturas que desea pagar.
invoices-balance-label = Saldo de la cuenta
invoices-balance-due = Saldo pendiente
invoices-open-count = { $count ->
        [one] { $count } factura abierta
       *[other] { $count } facturas abiertas
    }
invoices-overdue = Vencido
invoices-past-due-count = { $count ->
        [one] { $count } factura vencida
       *[other] { $count } facturas vencidas
    }
invoices-nothing-past-due = Nada vencido
invoices-pending-note = { $amount } en pagos en proceso no se incluye en el saldo.
invoices-ageing = Antigüedad de saldos
invoices-ageing-current = Al corriente
invoices-ageing-1-30 = 1–30 días
invoices-ageing-31-60 = 31–60 días
invoices-ageing-61-90 = 61–90 días
invoices-ageing-over-90 = Más de 90 días
invoices-search-placeholder = Factura, OC, obra, contrato…
invoices-search = Buscar
invoices-empty-filtered = Ninguna factura coincide con estos filtros
invoices-empty-open = Está al día con sus pagos
invoices-empty-open-text = No hay facturas abiertas en esta cuenta.
invoices-empty-paid = Aún no hay facturas pagadas
invoices-empty-all = Aún no hay facturas en esta cuenta
invoices-clear-filters = Borrar filtros
invoices-ref-contract = Contrato { $number }
invoices-ref-po = OC { $number }
invoices-ref-job = Obra { $number }
invoices-credit-to-use = Crédito disponible
invoices-days-overdue = { $count ->
        [one] { $count } día de atraso
       *[other] { $count } días de atraso
    }
invoices-select-all = Seleccionar todas las facturas pagables de esta página
invoices-col-invoice = Factura
invoices-col-date = Fecha
invoices-col-due = Vencimiento
invoices-col-references = Contrato / OC / obra
invoices-col-total = Total
invoices-col-status = Estado
invoices-processing-amount = { $amount } en proceso
invoices-paid-not-posted = { $amount } pagado aquí, aún sin registrar
invoices-view-invoice = Ver factura
invoices-pay-bar = { $count ->
        [one] Pagar { $count } factura — { $amount }
       *[other] Pagar { $count } facturas — { $amount }
    }
invoices-pay-bar-label = Facturas por pagar

## One invoice (and what the list and the pay form share with it)
invoice-back = Volver a facturas
invoice-not-found = Factura no encontrada
invoice-not-found-text = Esta factura no existe o no pertenece a esta cuenta.
invoice-kind-invoice = Factura
invoice-kind-credit-memo = Nota de crédito
invoice-document-title = { $kind } { $number }
invoice-pay-this = Pagar esta factura — { $amount }
invoice-pay-aria = Pagar la factura { $number }
invoice-credit = Crédito
invoice-total = Total
invoice-amount-due = Monto adeudado
invoice-was-due = Venció el
invoice-due-date = Fecha de vencimiento
invoice-due-on = Vence el { $date }
invoice-no-due-date = Sin fecha de vencimiento
invoice-processing = En proceso
invoice-pending-note = { $amount } pagado a través del portal está en proceso. El saldo se actualiza cuando la tienda lo registre.
invoice-date = Fecha de factura
invoice-contract = Contrato
invoice-location = Sucursal
invoice-po = OC
invoice-job = Obra
invoice-charges = Cargos ({ $count })
invoice-no-lines = La tienda envió esta factura sin el detalle de las líneas; el PDF contiene la factura completa.
invoice-line-no = #
invoice-line-description = Descripción
invoice-line-item = Artículo
invoice-line-quantity = Cant.
invoice-line-unit-price = Precio unitario
invoice-line-amount = Importe
invoice-subtotal = Subtotal
invoice-tax = Impuestos
invoice-paid = Pagado
invoice-balance = Saldo
invoice-payments-title = Pagos realizados aquí
invoice-no-payments = Aún no hay pagos a través del portal.

## Statuses, methods and the no-permission panel (shared by the invoice and payment screens)
invoice-status-overdue = Vencida
invoice-status-credit = Crédito
invoice-status-processing = Pago en proceso
invoice-status-open = Abierta
invoice-status-paid = Pagada
invoice-status-void = Anulada
payment-status-paid = Pagado
payment-status-pending = Pago bancario pendiente
payment-status-processing = En proceso
payment-status-declined = Rechazado
payment-tender-cash = Efectivo
payment-tender-check = Cheque
payment-tender-card = Tarjeta
payment-tender-ach = Cuenta bancaria (ACH)
payment-tender-other = Otro
payment-bank-account = Cuenta bancaria
payment-channel-portal = Pagado en el portal
payment-channel-counter = Pagado en el mostrador
payment-make = Realizar un pago
payment-see-invoices = Ver facturas
pay-not-allowed-title = Su usuario no puede realizar pagos
pay-not-allowed-text = No tiene permiso para pagar en esta cuenta; consulte al titular de la cuenta.

## Payment history
payments-title = Pagos
payments-empty = Aún no hay pagos
payments-empty-text = Los pagos realizados a través del portal y los que la tienda recibió en el mostrador aparecen aquí con sus recibos.
payments-col-receipt = Recibo
payments-col-date = Fecha
payments-col-method = Método
payments-col-paid-by = Pagado por
payments-col-amount = Monto
payments-col-status = Estado

## Receipt
receipt-not-found = Pago no encontrado
receipt-not-found-text = Este pago no existe o no pertenece a esta cuenta.
receipt-counter-note = Recibido por { $dealer } y registrado por su oficina.
receipt-received = Pago recibido
receipt-bank-submitted = Pago bancario enviado
receipt-bank-note = Se acredita en 3 a 5 días hábiles; mientras tanto, las facturas aparecen como en proceso.
receipt-processing = Pago en proceso
receipt-processing-note = El proveedor de pagos aún no ha respondido. Este recibo se actualizará cuando lo haga; no se le cobrará dos veces.
receipt-declined = Pago rechazado
receipt-nothing-taken = No se cobró nada.
receipt-document-title = Recibo { $number }
receipt-number = Número de recibo
receipt-method = Método
receipt-paid-by = Pagado por
receipt-account = Cuenta
receipt-reference = Referencia
receipt-paid = Pagado
receipt-what-it-pays = Qué paga
receipt-invoice = Factura { $number }
receipt-on-account = Pago a cuenta
receipt-total = Total
receipt-email-sent = Se envió un recibo a { $email }.
receipt-print = Imprimir recibo

## Pay
pay-title = Realizar un pago
pay-unavailable-title = Los pagos en línea aún no están disponibles
pay-unavailable-contact = { $dealer } aún no acepta pagos a través del portal. Para pagar, comuníquese al { $contact }.
pay-unavailable-text = { $dealer } aún no acepta pagos a través del portal.
pay-sandbox-title = Modo de prueba: no se mueve dinero real
pay-sandbox-card-approved = Tarjeta que paga:
pay-sandbox-card-approved-rest = , cualquier vencimiento futuro, cualquier CVC.
pay-sandbox-card-declined = Tarjeta rechazada:
pay-sandbox-bank = Banco: número de ruta
pay-sandbox-bank-account = , cualquier número de cuenta (uno que termine en
pay-sandbox-bank-refused = se rechaza).
pay-lead-picking = Elija qué pagar a { $dealer }. Puede pagar parte de una factura cambiando su monto.
pay-lead-chosen = Pague a { $dealer } el total, o cambie un monto para pagar parte de una factura.
pay-lead-contract = Pague a { $dealer } lo que se debe en las facturas de este contrato, u otro monto: se aplica primero a la factura que vence antes, luego a la siguiente.
pay-contract-title = Contrato { $number }
pay-contract-all = Todo lo que se debe en sus facturas: { $amount }
pay-contract-other = Otro monto
pay-contract-amount = Monto a pagar del contrato { $number }
pay-contract-pays = Paga { $amount }
pay-contract-pays-nothing = No se paga esta vez
pay-contract-nothing-title = Nada que pagar en { $number }
pay-contract-nothing-text = Este contrato no tiene facturas abiertas con saldo. Puede que ya estén pagadas o que aún no se hayan enviado.
pay-contract-back = Volver al contrato
pay-open-invoices = Facturas abiertas
pay-invoices-count = Facturas ({ $count })
pay-left-out = { $count ->
        [one] { $count } de las facturas que eligió ya está pagada o en proceso, y se omite.
       *[other] { $count } de las facturas que eligió ya están pagadas o en proceso, y se omiten.
    }
pay-no-invoices = No hay facturas abiertas por pagar. Aún puede realizar un pago a cuenta más abajo.
pay-choose-other = Elegir otras facturas
pay-overdue-since = Vencida desde el { $date }
pay-row-amount-due = Monto adeudado { $amount }
pay-amount = Monto a pagar
pay-amount-on = Monto a pagar en { $number }
pay-part-payment = Pago parcial: el resto sigue pendiente.
pay-on-account = Pago a cuenta
pay-optional = (opcional)
pay-on-account-hint = Un monto no vinculado a una factura, por ejemplo un depósito. La tienda lo aplica por usted.
pay-total = Total a pagar
pay-total-count = { $count ->
        [0] Ninguna factura elegida
        [one] { $count } factura
       *[other] { $count } facturas
    }
pay-with = Pagar con
pay-method-label = Método de pago
pay-card-number = Número de tarjeta
pay-card-expiry = Vencimiento (MM/AA)
pay-card-expiry-placeholder = MM/AA
pay-card-cvc = Código de seguridad (CVC)
pay-card-name = Nombre en la tarjeta
# $postcode: zip (US), postal (Canada) or postcode (elsewhere), after the dealer's locale.
pay-card-billing = { $postcode ->
        [zip] Código postal (ZIP) de facturación
        [postal] Código postal de facturación
       *[postcode] Código postal de facturación
    }
pay-bank-holder = Titular de la cuenta
pay-bank-routing = Número de ruta
pay-bank-routing-placeholder = 9 dígitos
pay-bank-account = Número de cuenta
pay-bank-type = Tipo de cuenta
pay-bank-checking = Corriente
pay-bank-savings = Ahorros
pay-bank-hint = El débito se acredita en 3 a 5 días hábiles. Mientras tanto, las facturas aparecen como en proceso.
pay-receipt = Recibo
pay-receipt-email = Enviar el recibo a
pay-declined = Pago rechazado
pay-processing = Procesando el pago…
pay-submit = Pagar
pay-submit-amount = Pagar { $amount }
pay-secure = Los datos de la tarjeta y del banco van directamente al proveedor de pagos de { $dealer }. Este portal nunca los recibe ni los guarda.
pay-changed = Este pago cambió mientras se enviaba. Revise los montos y presione Pagar de nuevo.
pay-check-fields = Revise los campos marcados abajo.
# The form's own checks, before anything is sent. Write the example amounts with the
# language's decimal mark (120.00 in English and Spanish, 120,00 in French): the amount fields
# read them that way. $amount is already written as the language writes money.
pay-problem-amount = Ingrese el monto a pagar, p. ej. 120.00.
pay-problem-more-than-due = En { $number } se adeuda como máximo { $amount }.
pay-problem-on-account = Ingrese un monto, p. ej. 250.00, o deje el campo vacío.
pay-problem-receipt-email = Ingrese el correo electrónico al que se enviará el recibo.
pay-problem-card-name = Ingrese el nombre que figura en la tarjeta.
# $postcode: zip, postal or postcode, as for pay-card-billing.
pay-problem-card-postcode = { $postcode ->
        [zip] Ingrese el código postal (ZIP) de facturación de la tarjeta.
        [postal] Ingrese el código postal de facturación de la tarjeta.
       *[postcode] Ingrese el código postal de facturación de la tarjeta.
    }
pay-problem-bank-holder = Ingrese el nombre del titular de la cuenta bancaria.
pay-problem-card-number = Revise el número de tarjeta.
pay-problem-expiry = Ingrese la fecha de vencimiento de la tarjeta, MM/AA; no puede ser una fecha pasada.
pay-problem-cvc = Use el código de seguridad de 3 o 4 dígitos.
pay-problem-routing-number = Use el número de ruta de 9 dígitos.
pay-problem-account-number = Use el número de cuenta, de 4 a 17 dígitos.
pay-problem-nothing-to-pay = Elija al menos una factura para pagar o ingrese un pago a cuenta.
pay-problem-no-on-account = Ingrese el monto del pago a cuenta.
pay-problem-method-unavailable = Este método de pago aún no está habilitado para pagos en línea. Comuníquese con la tienda.

## Choose an account
account-picker-title = Elija una cuenta
account-picker-welcome = Bienvenido, { $name }. ¿En qué cuenta trabajará hoy?
account-picker-staff-title = Usted trabaja para la tienda
account-picker-staff-text = Las solicitudes y los mensajes de los clientes están en la bandeja de entrada de la tienda.
account-picker-open-inbox = Abrir la bandeja de entrada
account-picker-none-title = Aún no hay cuentas
account-picker-none-text = Su usuario no está vinculado a ninguna cuenta de cliente. Comuníquese con su tienda de alquiler.
account-picker-number = Cuenta { $number }

## The account's users
account-users-forbidden-title = Solo el titular de la cuenta administra sus usuarios
account-users-forbidden-text = Pida al titular de esta cuenta que invite a otras personas o cambie lo que pueden hacer.
account-users-title = Usuarios de esta cuenta
account-users-lead = Quién puede usar { $name } · Cuenta { $number } en el portal, y qué puede hacer cada persona.
account-users-invite-sent = Invitación enviada a { $email }.
account-users-revoked = Se revocó la invitación a { $email }. Su enlace ya no funciona.
account-users-with-access = Personas con acceso
account-users-perm-view = Ver
account-users-perm-pay = Pagar facturas
account-users-perm-call-off = Solicitar retiro
account-users-perm-order = Hacer pedidos
account-users-email-invalid = Ingrese un correo electrónico, por ejemplo nombre@empresa.com.
account-users-invite-title = Invitar a alguien
account-users-invite-email = Su correo electrónico
account-users-they-may = Puede
account-users-view-account = Ver la cuenta
account-users-send-invitation = Enviar invitación
account-users-pending-title = Invitados que aún no se unen
account-users-already-gone = La invitación a { $email } ya fue aceptada, revocada o venció.
account-users-invited = { $permissions } · invitado el { $date }
account-users-revoke-question = ¿Revocar esta invitación? El enlace del correo dejará de funcionar.
account-users-keep = Conservar
account-users-revoke-invitation = Revocar invitación
account-users-revoke = Revocar
account-users-you = { $name } (usted)
account-users-owner = Titular
account-users-member = Miembro
account-users-owner-note = Los titulares pueden hacer todo y administrar los usuarios.
account-users-remove = Quitar
account-users-remove-title = ¿Quitar a { $name }?
account-users-remove-text = { $email } ya no podrá usar esta cuenta. Su usuario y sus otras cuentas no cambian.
account-users-cancel = Cancelar

## Your details (profile)
profile-title = Sus datos
profile-subtitle = Cómo lo contacta su tienda y cómo inicia sesión.
profile-back = Volver a su cuenta
profile-contact-title = Datos de contacto
profile-name = Su nombre
profile-name-missing = Ingrese su nombre.
profile-name-too-long = Use como máximo 120 caracteres.
profile-phone = Teléfono celular
profile-phone-hint = También puede iniciar sesión con este número. Déjelo vacío para quitarlo.
profile-language = Idioma
profile-saved = Sus datos se guardaron.
profile-save = Guardar datos
profile-saving = Guardando…
profile-email-title = Correo electrónico
profile-email-current = Usted inicia sesión con
profile-email-sent-title = Enviamos un enlace a { $email }
profile-email-sent-text = Ábralo para confirmar el cambio. Su correo sigue siendo { $email } hasta que lo haga.
profile-new-email = Nuevo correo electrónico
profile-email-invalid = Ingrese un correo electrónico, por ejemplo nombre@empresa.com.
profile-email-same = Este ya es el correo electrónico de su usuario.
profile-email-taken = Otro usuario ya usa este correo electrónico.
profile-password = Contraseña actual
profile-password-missing = Ingrese su contraseña actual.
profile-email-submit = Enviar enlace de confirmación
profile-email-sending = Enviando…
