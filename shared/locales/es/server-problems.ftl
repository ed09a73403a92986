# Spanish (the same ids as en/) — the titles of problem answers (application/problem+json).
# problem-<code>: the title of the problem whose `code` is <code> (shared::error::ErrorCode).

problem-validation-failed = Algunos campos requieren su atención
problem-bad-request = No se pudo leer la solicitud
problem-invalid-credentials = El usuario o la contraseña no son correctos
problem-unauthenticated = Inicie sesión
problem-token-expired = Su sesión ha caducado
problem-token-invalid = Su sesión ya no es válida
problem-forbidden = No tiene permiso para hacer esto
problem-password-change-required = Elija una contraseña nueva para continuar
problem-access-deactivated = Su acceso al portal fue desactivado; comuníquese con la tienda
problem-insufficient-scope = Este cliente de API no tiene permiso para hacer esto
problem-read-only-view = Esta es una vista de solo lectura del portal del cliente
problem-view-ended = La vista como este cliente ha terminado
problem-not-found = No encontrado
problem-method-not-allowed = Este método no está permitido aquí
problem-payload-too-large = El cuerpo de la solicitud es demasiado grande
problem-conflict = Esto entra en conflicto con el estado actual
problem-gone = Esto ya no está disponible
problem-rate-limited = Demasiadas solicitudes
problem-payment-declined = El pago fue rechazado
problem-internal = Algo salió mal de nuestro lado
problem-service-unavailable = El servicio no está disponible temporalmente
