# French, Canada (the same ids as en/) — signed-out pages: password reset, register, invitation, sign-up, e-mail confirmation, change password.
# $terms is the dealer's word: rentals or hires.

## Shared by the signed-out pages
public-back-to-login = Retour à la connexion
public-go-to-login = Aller à la connexion
public-have-login = J'ai déjà un accès
public-back-to-account = Retour à votre compte
public-check-email = Vérifiez vos courriels
public-sending = Envoi…
public-saving = Enregistrement…
public-new-password-title = Choisissez un nouveau mot de passe
public-new-password-hint = Utilisez au moins 8 caractères. Une courte phrase facile à retenir fait très bien l'affaire.
public-password-changed = Votre mot de passe a été changé
public-link-expired = Ce lien est expiré ou a déjà été utilisé
public-set-up-login = Configurez votre accès
public-set-up-my-login = Configurer mon accès
public-email-missing = Entrez l'adresse courriel inscrite à votre compte.
public-postal-missing = Entrez le code postal inscrit à votre compte.

## Forgot password
forgot-title = Réinitialisez votre mot de passe
forgot-lead = Entrez le courriel ou le numéro de téléphone avec lequel vous vous connectez. Nous vous enverrons par courriel un lien pour choisir un nouveau mot de passe.
forgot-missing = Entrez votre courriel ou votre numéro de téléphone.
forgot-submit = Envoyer le lien
forgot-spam-hint = Aucun courriel après quelques minutes? Vérifiez votre dossier de courrier indésirable.
forgot-again = Envoyer un autre lien

## Reset password
reset-submit = Enregistrer le nouveau mot de passe
reset-done-text = Par mesure de sécurité, nous vous avons déconnecté partout. Connectez-vous avec votre nouveau mot de passe.
reset-expired-text = Les liens de réinitialisation ne fonctionnent qu'une fois et pendant peu de temps. Demandez-en un nouveau et utilisez le courriel le plus récent.
reset-new-link = M'envoyer un nouveau lien

## Register by phone
register-title = Configurez votre accès au portail
register-welcome = Bienvenue!
register-lead = Première visite? Confirmez les renseignements que votre magasin de location a à votre dossier et choisissez un mot de passe.
register-lead-from-login = Pour terminer la configuration de votre accès au portail, confirmez les renseignements de votre compte.
register-phone = Numéro de téléphone inscrit à votre compte
register-email = Adresse courriel inscrite à votre compte
register-postal = Code postal inscrit à votre compte
register-phone-missing = Entrez le numéro de téléphone inscrit à votre compte.
register-phone-invalid = Entrez un numéro de téléphone, par exemple (514) 555-1234.
register-email-invalid = Entrez une adresse courriel, par exemple nom@entreprise.com.
register-mismatch = Nous n'avons pas pu confirmer ces renseignements

## Invitation
invitation-title = Votre invitation
invitation-loading = Ouverture de votre invitation…
invitation-load-failed = Nous n'avons pas pu ouvrir cette invitation
invitation-heading = Vous avez une invitation pour { $customer } chez { $dealer }
invitation-lead = Consultez les contrats, locations et soumissions du compte au même endroit.
invitation-name = Votre nom
invitation-optional = (facultatif)
invitation-accept = Accepter et configurer mon accès
invitation-added = { $customer } a été ajouté à vos comptes
invitation-added-hint = Passez d'un compte à l'autre à partir du nom du compte, en haut de chaque page.
invitation-open = Ouvrir { $customer }
invitation-signed-in-as = Vous êtes connecté en tant que { $email }. En acceptant, ce compte s'ajoute à votre accès.
invitation-adding = Ajout…
invitation-add = Ajouter { $customer } à vos comptes
invitation-other-login = Vous êtes connecté en tant que { $me }, mais cette invitation est destinée à { $email }. Connectez-vous en tant que { $email } pour ajouter le compte à cet accès.
invitation-has-login = { $email } a déjà un accès au portail. Connectez-vous avec celui-ci et le compte sera ajouté à vos autres comptes.
invitation-switch-login = Se déconnecter et se connecter en tant que { $email }
invitation-log-in = Se connecter en tant que { $email } pour accepter
invitation-forgot = Mot de passe oublié?
invitation-expired = Cette invitation est expirée ou a déjà été utilisée
invitation-expired-text = Les liens d'invitation ne fonctionnent qu'une fois et pendant une durée limitée. Demandez à votre magasin de location de vous en envoyer un nouveau, et utilisez le courriel le plus récent.

## Sign-up
signup-lead = Indiquez-nous quel compte est le vôtre et nous vous enverrons par courriel un lien pour configurer votre accès.
signup-submit = M'envoyer un lien
signup-have = J'ai mon
signup-account-number = Numéro de compte
signup-contract-number = Numéro de contrat
signup-account-hint = Il figure sur vos factures et vos relevés.
signup-contract-hint = Le numéro de n'importe lequel de vos contrats ou soumissions.
signup-prove = Et pour le prouver :
signup-postal = Code postal
signup-postal-label = Code postal du compte
signup-fact-email = Courriel du compte
signup-send-to = Envoyer le lien à
signup-email-hint = Votre courriel au dossier, ou celui d'un contact. Il deviendra votre identifiant.
signup-account-missing = Entrez votre numéro de compte.
signup-contract-missing = Entrez un numéro de contrat.
signup-fact-email-invalid = Entrez une adresse courriel comme nom@exemple.com.
signup-email-missing = Entrez l'adresse courriel à laquelle envoyer le lien.
signup-spam-hint = Aucun courriel après quelques minutes? Vérifiez votre dossier de courrier indésirable, ou vérifiez les numéros et réessayez.
signup-again = Réessayer
signup-confirm-loading = Ouverture de votre lien…
signup-confirm-load-failed = Nous n'avons pas pu ouvrir ce lien
signup-confirm-heading = Configurez votre accès pour { $customer }
signup-confirm-lead = Consultez vos contrats, locations et soumissions de { $dealer } au même endroit.
signup-confirm-has-login = { $email } a déjà un accès au portail. Connectez-vous plutôt avec celui-ci.
signup-expired-text = Les liens d'inscription ne fonctionnent qu'une fois et pendant une durée limitée. Demandez-en un nouveau et utilisez le courriel le plus récent.
signup-new-link = Demander un nouveau lien

## Email confirmation
email-confirm-title = Confirmez votre courriel
email-confirm-loading = Confirmation de votre courriel…
email-confirm-done = Votre courriel est confirmé
email-confirm-done-text = Dorénavant, connectez-vous avec votre nouvelle adresse courriel. L'ancienne ne fonctionne plus.
email-confirm-expired-text = Les liens de confirmation ne fonctionnent qu'une fois et pendant une durée limitée. Changez de nouveau votre courriel pour en recevoir un nouveau.
email-confirm-to-portal = Aller au portail
email-confirm-failed = Nous n'avons pas pu confirmer votre courriel
email-confirm-taken = Un autre accès utilise déjà cette adresse courriel; elle ne peut donc pas devenir la vôtre.

## Change password
change-password-title = Changez votre mot de passe
change-password-lead = Utilisez au moins 8 caractères. Vous resterez connecté ici; vos autres appareils seront déconnectés.
change-password-forced = Votre magasin a réinitialisé votre mot de passe. Choisissez-en un nouveau pour continuer.
change-password-current = Mot de passe actuel
change-password-current-missing = Entrez votre mot de passe actuel.
change-password-save = Enregistrer et continuer
change-password-done-text = Vous êtes toujours connecté ici. Par mesure de sécurité, nous vous avons déconnecté de vos autres appareils.

## Dev mailbox
mailbox-eyebrow = Développement seulement
mailbox-lead = Les courriels que ce serveur aurait envoyés, du plus récent au plus ancien. Rien ne quitte cette machine.
mailbox-refresh = Actualiser
mailbox-list = Courriels
mailbox-pick = Choisissez un courriel pour le lire.
mailbox-all = Tous les courriels
mailbox-to = À
mailbox-sent = Envoyé
mailbox-status = État
mailbox-status-pending = en attente
mailbox-status-sending = en cours d'envoi
mailbox-status-sent = envoyé
mailbox-status-failed = échec
mailbox-links = Liens dans ce courriel
mailbox-frame-title = Courriel : { $subject }
mailbox-plain-text = Texte brut
mailbox-empty = Aucun courriel pour l'instant
mailbox-empty-text = Demandez une réinitialisation de mot de passe sur la page de connexion, puis actualisez.
mailbox-off = La boîte courriel de développement est désactivée : ce serveur envoie de vrais courriels.
