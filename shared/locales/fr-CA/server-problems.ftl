# French, Canada (the same ids as en/) — the titles of problem answers (application/problem+json).
# problem-<code>: the title of the problem whose `code` is <code> (shared::error::ErrorCode).

problem-validation-failed = Certains champs sont à corriger
problem-bad-request = La requête n’a pas pu être lue
problem-invalid-credentials = L’identifiant ou le mot de passe est incorrect
problem-unauthenticated = Veuillez vous connecter
problem-token-expired = Votre session a expiré
problem-token-invalid = Votre session n’est plus valide
problem-forbidden = Vous n’avez pas la permission de faire ceci
problem-password-change-required = Choisissez un nouveau mot de passe pour continuer
problem-access-deactivated = Votre accès au portail a été désactivé; communiquez avec le magasin
problem-insufficient-scope = Ce client d’API n’a pas la permission de faire ceci
problem-read-only-view = Ceci est une vue en lecture seule du portail du client
problem-view-ended = La vue en tant que ce client a pris fin
problem-not-found = Introuvable
problem-method-not-allowed = Cette méthode n’est pas permise ici
problem-payload-too-large = Le corps de la requête est trop volumineux
problem-conflict = Ceci entre en conflit avec l’état actuel
problem-gone = Ceci n’est plus disponible
problem-rate-limited = Trop de requêtes
problem-payment-declined = Le paiement a été refusé
problem-internal = Un problème est survenu de notre côté
problem-service-unavailable = Le service est temporairement indisponible
