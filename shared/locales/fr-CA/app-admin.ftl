# French, Canada (the same ids as en/) — the store's admin view.
# $terms is the dealer's word: rentals or hires.

## Frame: header, tabs, acting bar, page titles
admin-portal-name = Portail de location
admin-document-title = { $page } · Magasin · Portail de location
admin-brand-platform = Plateforme
admin-brand-store = Magasin
admin-tabs-label = Magasin
admin-tab-home = Accueil
admin-tab-requests = Demandes
admin-tab-feedback = Commentaires
admin-tab-customers = Clients
admin-tab-staff = Personnel
admin-tab-settings = Paramètres
admin-tab-audit = Journal d'audit
admin-tab-api-clients = Clients API
admin-tab-webhooks = Webhooks
admin-tab-sync = Synchronisation
admin-acting-working-in = Vous travaillez chez
admin-acting-none = Opérateur de la plateforme : choisissez un concessionnaire où travailler
admin-acting-switch = Changer de concessionnaire
admin-acting-stop = Quitter le concessionnaire

## Requests: kinds, statuses and ages (inbox and request page)
admin-kind-call-off = Demande de récupération
admin-kind-service = Service
admin-kind-extension = Prolongation
admin-kind-book-again = Nouvelle réservation
admin-kind-service-of = Service · { $service }
admin-service-breakdown = Panne
admin-service-damage = Signaler un dommage
admin-service-maintenance = Entretien
admin-service-other = Autre
admin-status-new = Nouvelle
admin-status-acknowledged = Prise en compte
admin-status-scheduled = Planifiée
admin-status-completed = Terminée
admin-status-cancelled = Annulée
admin-completed-picked-up = Récupéré
admin-completed-done = Effectué
admin-completed-granted = Accordée
admin-completed-booked = Réservé
admin-age-waiting = en attente depuis { $time }
admin-age-closed = fermée il y a { $time }

## Home
admin-home-lead = Sur quoi voulez-vous travailler?
admin-home-lead-name = Bienvenue, { $name }. Sur quoi voulez-vous travailler?
admin-home-tiles-label = Écrans du magasin
admin-home-requests-text = Demandes de récupération, appels de service et prolongations à traiter
admin-home-requests-count = { $count ->
        [one] { $count } ouverte
       *[other] { $count } ouvertes
    }
admin-home-feedback-text = Questions et messages des clients
admin-home-feedback-count = { $count ->
        [one] { $count } nouveau
       *[other] { $count } nouveaux
    }
admin-home-customers-text = Trouver un client, inviter des utilisateurs, ouvrir ou fermer l'accès au portail
admin-home-staff-text = Qui travaille dans les écrans du magasin, avec quels rôles et pour quels magasins
admin-home-staff-count = { $count ->
        [one] { $count } actif
       *[other] { $count } actifs
    }
admin-home-settings-text = Couleurs, logo, libellés, tuiles d'accueil, courriels des magasins et paiements
admin-home-audit-text = Qui a fait quoi, et quand : connexions, demandes, paiements, actions du personnel
admin-home-api-clients-text = Identifiants du système de gestion qui envoie ses données au portail
admin-home-api-clients-count = { $count ->
        [one] { $count } en service
       *[other] { $count } en service
    }
admin-dealer-picker-current = Concessionnaire où vous travaillez
admin-dealer-picker-choose = Choisissez un concessionnaire où travailler
admin-dealer-picker-loading = Chargement des concessionnaires…
admin-dealer-picker-placeholder = Choisissez un concessionnaire…
admin-dealer-picker-hint = En tant qu'opérateur de la plateforme, vous travaillez dans les écrans d'un seul concessionnaire à la fois, comme son administrateur. Tout ce que vous y faites figure dans le journal d'audit de ce concessionnaire.

## Requests inbox
admin-refresh = Actualiser
admin-account-number = Compte { $number }
admin-requests-title-open = Demandes ouvertes
admin-requests-title-all = Toutes les demandes
admin-requests-lead-open = Les plus anciennes en premier. Confirmez ce que vous avez vu, puis planifiez-le et terminez-le.
admin-requests-lead-newest = Les plus récentes en premier.
admin-requests-no-match = Aucune demande ne correspond à ces filtres
admin-requests-no-match-text = Essayez un autre statut, type ou magasin.
admin-requests-empty = Rien en attente
admin-requests-empty-text = Les nouvelles demandes de récupération, de service, de prolongation et de réservation s'afficheront ici.
admin-requests-show-open = Afficher les demandes ouvertes
admin-requests-filter-status = Statut
admin-requests-filter-open = Ouvertes
admin-requests-filter-all = Toutes
admin-requests-filter-kind = Type
admin-requests-filter-all-kinds = Tous les types
admin-requests-filter-location = Magasin
admin-requests-filter-all-locations = Tous les magasins
admin-requests-col-request = Demande
admin-requests-col-customer = Client
admin-requests-col-items = Articles
admin-requests-col-date = Date
admin-requests-col-status = Statut
admin-requests-date-scheduled = Planifiée
admin-requests-date-pickup = Récupération
admin-requests-date-received = Reçue
admin-requests-general-call = Appel de service général
admin-requests-first-and-more = { $first } + { $count ->
        [one] { $count } autre
       *[other] { $count } autres
    }
admin-requests-items = { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }

## Request
admin-request-not-found = Demande introuvable
admin-request-not-found-text = Elle n'existe pas ou elle appartient à un autre magasin.
admin-request-back = Retour aux demandes
admin-request-received = Reçue le { $time } · { $age }
admin-request-conflict-hint = Voici où en est la demande maintenant.
admin-request-customer = Client
admin-request-store = Magasin
admin-request-pickup = Récupération
admin-request-billing-stops = Fin de la facturation
admin-request-new-return-date = Nouvelle date de retour
admin-request-wished-start = Début souhaité
admin-request-wished-end = Fin souhaitée
admin-request-scheduled = Planifiée
admin-request-site-address = Adresse du chantier
admin-request-contact = Personne-ressource
admin-request-filed-by = Soumise par
admin-request-description = Quel est le problème
admin-request-notes = Notes du client
admin-request-no-items = Appel de service général : aucun article en particulier.
admin-request-items-count = Articles ({ $count })
admin-request-line-contract = Contrat { $number }
admin-request-line-item = Article
admin-request-line-serial = N° de série
admin-request-history = Historique
admin-request-event-requested = Demandée
admin-request-event-scheduled-for = Planifiée pour le { $date }
admin-request-by-customer = Client · { $name }
admin-request-by-store = Magasin · { $name }
admin-request-back-office = Système de gestion

## Request: the next step
admin-action-title = Prochaine étape
admin-action-note = Note au client (facultative; obligatoire pour annuler)
admin-action-acknowledge = Confirmer la réception
admin-action-mark-picked-up = Marquer comme récupéré
admin-action-mark-done = Marquer comme effectué
admin-action-mark-granted = Marquer comme accordée
admin-action-mark-booked = Marquer comme réservé
admin-action-move-date = Déplacer à une autre date
admin-action-schedule-for = Planifier pour le
admin-action-reschedule = Replanifier
admin-action-schedule = Planifier
admin-action-cancel = Annuler la demande
admin-action-date-past = Choisissez aujourd'hui ou une date ultérieure.
admin-action-date-missing = Choisissez la date à laquelle vous le ferez.
admin-action-reason-missing = Indiquez le motif de l'annulation : le client le recevra.
admin-action-done-acknowledged = Réception confirmée. Le client a reçu un courriel.
admin-action-done-scheduled = Planifiée pour le { $date }. Le client a reçu un courriel.
admin-action-done-picked-up = Marqué comme récupéré. Le client a reçu un courriel.
admin-action-done-done = Marqué comme effectué. Le client a reçu un courriel.
admin-action-done-granted = Marquée comme accordée. Le client a reçu un courriel.
admin-action-done-booked = Marqué comme réservé. Le client a reçu un courriel.
admin-action-done-cancelled = Annulée. Le client a reçu un courriel.

## Feedback
admin-feedback-lead = Questions, commentaires et plaintes des clients.
admin-feedback-show = Afficher
admin-feedback-tab-new = Nouveaux
admin-feedback-tab-handled = Traités
admin-feedback-tab-all = Tous
admin-feedback-empty-new = Aucun nouveau message
admin-feedback-empty = Aucun message
admin-feedback-empty-text = Les questions, commentaires et plaintes des clients s'affichent ici.
admin-feedback-kind-question = Question
admin-feedback-kind-feedback = Commentaire
admin-feedback-kind-complaint = Plainte
admin-feedback-from = { $author } · { $customer } (compte { $number })
admin-feedback-handled = Traité
admin-feedback-handled-at = Traité le { $time }
admin-feedback-note = Note interne (facultative)
admin-feedback-mark-handled = Marquer comme traité

## Customers
admin-download-csv = Télécharger en CSV
admin-never = Jamais
admin-customers-lead = Trouvez un client par nom, numéro, courriel, téléphone ou numéro de contrat; voyez s'il peut utiliser le portail et, sinon, pourquoi.
admin-customers-sort-name-az = Nom A–Z
admin-customers-sort-name-za = Nom Z–A
admin-customers-sort-number = Numéro de client
admin-customers-sort-last-login = Dernière connexion d'abord
admin-customers-portal-status = Statut dans le portail
admin-customers-no-match = Aucun client ne correspond
admin-customers-no-match-text = Vérifiez l'orthographe, cherchez par un autre renseignement (numéro, courriel, téléphone, contrat) ou effacez les filtres.
admin-customers-empty = Aucun client pour l'instant
admin-customers-empty-text = Les clients s'affichent ici dès que votre système de gestion les envoie au portail.
admin-customers-clear = Effacer la recherche et les filtres
admin-customers-search = Nom, numéro, courriel, téléphone, contrat…
admin-customers-eligibility = Admissibilité
admin-customers-eligibility-any = Admissible ou non
admin-customers-eligible = Admissible
admin-customers-not-eligible = Non admissible
admin-customers-status-any = Tous les statuts
admin-portal-deactivated = Désactivé
admin-portal-locked = Verrouillé
admin-portal-active = Actif
admin-portal-invited = Invité
admin-portal-never-invited = Jamais invité
admin-customers-col-customer = Client
admin-customers-col-location = Magasin
admin-customers-col-portal = Portail
admin-customers-col-last-login = Dernière connexion
admin-customers-number = N° { $number }
admin-customers-no-store = Aucun magasin pour l'instant

## Customer
admin-cancel = Annuler
admin-reactivate = Réactiver
admin-deactivate = Désactiver
admin-invitation-sent = Invitation envoyée à { $email }.
admin-customer-title = Client
admin-customer-not-found = Client introuvable
admin-customer-not-found-text = Ce n'est pas un client de votre concessionnaire, ou le lien est erroné.
admin-customer-number = Client n° { $number }
admin-customer-store = { $name } ({ $code })
admin-customer-store-home = { $name } ({ $code }, magasin principal)
admin-customer-closed-on = Le portail a été fermé à ce client le { $date }.
admin-customer-reopen = Rouvrir le portail
admin-customer-reopen-question = Ses utilisateurs pourront de nouveau se connecter à ce compte, avec les permissions qu'ils avaient.
admin-customer-close = Fermer le portail à ce client
admin-customer-close-question = Tous les utilisateurs de { $name } sont déconnectés immédiatement et ne peuvent plus ouvrir ce compte jusqu'à ce que vous le rouvriez. Rien n'est supprimé et le système de gestion n'est pas modifié. Le fermer?
admin-customer-done-reopened = Le portail est de nouveau ouvert à ce client.
admin-customer-done-closed = Le portail est fermé à ce client : ses utilisateurs ont été déconnectés.
admin-customer-done-user-reopened = Accès rétabli.
admin-customer-done-user-closed = Accès fermé; la personne a été déconnectée.
admin-customer-done-unlocked = Déverrouillé : la personne peut de nouveau se connecter.
admin-customer-done-password-reset = Un mot de passe temporaire est en route vers { $login }. Il sert pour une seule connexion, puis la personne en choisit un nouveau.
admin-customer-done-withdrawn = L'invitation à { $email } a été retirée; son lien ne fonctionne plus.
admin-customer-account = Compte
admin-customer-kind = Type
admin-customer-kind-cash = Client au comptant
admin-customer-kind-account = Client avec compte
admin-email = Courriel
admin-customer-phone = Téléphone
admin-customer-mobile = Cellulaire
admin-customer-postal-code = Code postal
admin-customer-address = Adresse
admin-customer-contracts = Contrats et soumissions
admin-customer-external-id = ID dans le système de gestion
admin-customer-users = Utilisateurs du portail ({ $count })
admin-customer-no-users = Personne n'a encore d'accès à ce compte. Invitez l'une de ses personnes-ressources ci-dessous.
admin-customer-contacts = Personnes-ressources
admin-customer-no-contacts = Aucune personne-ressource de la fiche client n'a de courriel, donc personne ne peut être invité. Ajoutez-en une dans le système de gestion.
admin-customer-invitations = Invitations
admin-customer-no-invitations = Personne n'a encore été invité.
admin-customer-owner-permissions = Titulaire du compte : toutes les permissions, gère les autres utilisateurs
admin-customer-permission-view = Consulter
admin-customer-permission-pay = Payer
admin-customer-permission-call-off = Demander la récupération
admin-customer-permission-order = Commander
admin-customer-owner = Titulaire
admin-customer-member = Membre
admin-customer-invited = Invité
admin-customer-not-invited = Pas invité (inscription ou enregistrement)
admin-customer-joined = Inscrit
admin-customer-email-confirmed = Courriel confirmé
admin-customer-not-confirmed = Non confirmé
admin-customer-unlock = Déverrouiller
admin-customer-unlock-question = { $name } pourra se connecter de nouveau immédiatement. Déverrouiller?
admin-customer-reset-password = Réinitialiser le mot de passe
admin-customer-reset-password-question = { $name } est déconnecté partout et reçoit un courriel avec un mot de passe temporaire pour une seule connexion. Réinitialiser?
admin-customer-reactivate-question = { $name } pourra de nouveau ouvrir ce compte. Réactiver?
admin-customer-deactivate-question = { $name } est déconnecté immédiatement et ne peut plus ouvrir ce compte jusqu'à sa réactivation. Ses autres comptes restent ouverts; rien n'est supprimé. Désactiver?
admin-customer-contact-has-login = A un accès
admin-customer-contact-accepted = A accepté une invitation le { $time }
admin-customer-contact-invited = Invité le { $time }, pas encore accepté
admin-customer-invite = Inviter
admin-customer-invite-again = Inviter de nouveau
admin-customer-invite-question = Envoyer à { $email } un lien pour créer un accès à ce compte? Un lien précédent cessera de fonctionner.
admin-invitation-pending = En attente
admin-invitation-accepted = Acceptée
admin-invitation-expired = Expirée
admin-invitation-withdrawn = Retirée
admin-invitation-sent-at = Envoyée le { $time }
admin-invitation-accepted-at = acceptée le { $time }
admin-invitation-valid-until = valide jusqu'au { $time }
admin-invitation-as-owner = Comme titulaire du compte
admin-invitation-as-member = Comme membre
admin-invitation-resend = Renvoyer
admin-invitation-resend-question = Envoyer un nouveau lien à { $email }? Celui-ci cessera de fonctionner.
admin-invitation-withdraw = Retirer
admin-invitation-withdraw-question = Le lien envoyé à { $email } cesse de fonctionner immédiatement. Retirer l'invitation?

## API clients
admin-name = Nom
admin-back-office = Système de gestion
admin-active = Actif
admin-revoked = Révoqué
admin-copy = Copier
admin-copied = Copié
admin-secret-stored = Je l'ai enregistré
admin-rotate-secret = Renouveler le secret
admin-api-clients-forbidden = Seuls les administrateurs du concessionnaire gèrent les clients API
admin-api-clients-forbidden-text = Demandez à un administrateur de votre concessionnaire de configurer l'accès du système de gestion.
admin-api-clients-empty = Aucun client API pour l'instant
admin-api-clients-empty-text = Créez-en un pour votre système de gestion : il charge les clients, les contrats et les factures, et lit les demandes et les paiements.
admin-api-clients-lead = Identifiants utilisés par votre système de gestion pour charger des fiches et lire les demandes et les paiements.
admin-api-clients-lead-token = Il les échange contre un jeton de 15 minutes à l'adresse
admin-api-client-name-missing = Nommez le client, p. ex. « Système de gestion ».
admin-api-client-scopes-missing = Choisissez au moins une portée.
admin-api-client-new = Nouveau client API
admin-api-client-may = Il peut
admin-api-client-create = Créer le client
admin-scope-locations-write = Charger les magasins
admin-scope-customers-write = Charger les clients, les personnes-ressources et les chantiers
admin-scope-contracts-write = Charger les contrats et leurs lignes
admin-scope-invoices-write = Charger les factures et les notes de crédit
admin-scope-documents-write = Téléverser les PDF des contrats et des factures
admin-scope-positions-write = Signaler la position des articles
admin-scope-payments-read = Lire les paiements du portail
admin-scope-payments-write = Comptabiliser les paiements et charger les paiements au comptoir
admin-scope-requests-read = Lire les demandes des clients
admin-scope-events-read = Lire le flux des changements
admin-api-client-credentials = Identifiants de « { $name } »
admin-api-client-copy-now = Copiez le secret maintenant et enregistrez-le dans votre système de gestion : il ne sera plus affiché.
admin-api-client-id = ID client
admin-api-client-secret = Secret client
admin-api-client-scopes = Portées
admin-api-client-never-used = Jamais utilisé
admin-api-client-last-used = Dernière utilisation : { $time }
admin-api-client-created = Créé le { $time }
admin-api-client-created-by = Créé le { $time } par { $name }
admin-api-client-revoked-at = Révoqué le { $time }
admin-api-client-revoke = Révoquer
admin-api-client-revoke-yes = Révoquer le client
admin-api-client-rotate-question = Le secret actuel cesse de fonctionner immédiatement. Renouveler?
admin-api-client-revoke-question = Le système de gestion qui utilise ce client perd l'accès immédiatement. Révoquer?

## Webhooks
admin-save = Enregistrer
admin-enabled = Activé
admin-disabled = Désactivé
admin-webhooks-forbidden = Seuls les administrateurs du concessionnaire gèrent les webhooks
admin-webhooks-forbidden-text = Demandez à un administrateur de votre concessionnaire de configurer les webhooks du système de gestion.
admin-webhooks-empty = Aucun point de terminaison webhook pour l'instant
admin-webhooks-empty-text = Ajoutez l'URL de votre système de gestion : il sera avisé des demandes de récupération et des autres demandes dès qu'elles arrivent.
admin-webhooks-lead = Le portail envoie chaque événement par POST à vos points de terminaison, signé selon Standard Webhooks
admin-webhooks-lead-delivery = dans l'ordre, avec de nouvelles tentatives pendant environ 3 jours.
admin-webhook-types-missing = Cochez au moins un type d'événement, ou choisissez tous les types.
admin-webhook-events = Événements à envoyer
admin-webhook-events-every = Tous les types d'événements, y compris ceux ajoutés plus tard
admin-webhook-events-only = Seulement ceux-ci :
admin-event-request-created = Un client a soumis une demande de récupération, de service, de prolongation ou de nouvelle réservation
admin-event-request-status-changed = Une demande a été confirmée, planifiée, terminée ou annulée
admin-event-payment-created = Un client a commencé un paiement
admin-event-payment-succeeded = Un paiement a été accepté : comptabilisez-le
admin-event-payment-failed = Un paiement a été refusé ou abandonné
admin-event-payment-settled = Le système de gestion a confirmé avoir comptabilisé un paiement
admin-event-feedback-created = Un client a envoyé un commentaire
admin-event-portal-user-invited = Quelqu'un a été invité au portail d'un client
admin-event-portal-user-activated = Un utilisateur a obtenu l'accès au portail d'un client
admin-event-portal-user-deactivated = Un utilisateur a perdu l'accès au portail d'un client
admin-event-customer-contact-changed = Un utilisateur du portail a changé son nom, son téléphone ou son courriel
admin-webhook-url = URL
admin-webhook-description = Description (facultative)
admin-webhook-url-missing = Indiquez l'URL sur laquelle votre système de gestion écoute.
admin-webhook-new = Ajouter un point de terminaison
admin-webhook-url-hint = L'URL doit être en https, sur une adresse publique.
admin-webhook-create = Ajouter le point de terminaison
admin-webhook-secret-overlap = Le secret actuel de votre système de gestion reste valide jusqu'au { $time } : d'ici là, chaque envoi est signé avec les deux.
admin-webhook-secret-of = Secret de signature de { $url }
admin-webhook-copy-now = Copiez-le maintenant dans votre système de gestion, qui vérifie chaque envoi avec lui : il ne sera plus affiché.
admin-webhook-secret = Secret de signature
admin-webhook-no-delivery = Aucun envoi pour l'instant
admin-webhook-last-delivery = Dernier envoi le { $time } : HTTP { $code }
admin-webhook-last-delivery-no-answer = Dernier envoi le { $time } : aucune réponse
admin-webhook-failed-in-a-row = { $count ->
        [one] { $count } échec de suite
       *[other] { $count } échecs de suite
    }
admin-webhook-waiting = { $count } en attente
admin-webhook-all-events = Tous les événements
admin-webhook-test-queued = Événement de test en file d'attente : voyez-le dans le journal des envois.
admin-webhook-disabled-note = Désactivé : les nouveaux événements attendent dans sa file jusqu'à ce que vous l'activiez.
admin-webhook-send-test = Envoyer un événement de test
admin-webhook-log = Journal des envois
admin-webhook-hide-log = Masquer le journal des envois
admin-webhook-edit = Modifier
admin-webhook-disable = Désactiver
admin-webhook-enable = Activer
admin-webhook-delete = Supprimer
admin-webhook-rotate-question = Un nouveau secret est créé et affiché une seule fois; l'actuel continue de signer en parallèle pendant 24 heures. Renouveler?
admin-webhook-delete-question = Supprimer { $url }? Ses envois en attente et son journal sont supprimés avec lui.
admin-webhook-delete-yes = Supprimer le point de terminaison
admin-webhook-log-empty = Rien n'a encore été envoyé.
admin-delivery-waiting = En attente
admin-delivery-sending = Envoi en cours
admin-delivery-delivered = Livré
admin-delivery-failed = Échec
admin-delivery-no-answer = aucune réponse
admin-delivery-queued = Mis en file le { $time } · { $count ->
        [one] { $count } tentative
       *[other] { $count } tentatives
    }
admin-delivery-replay = Renvoyer

## Staff
admin-staff-forbidden = Seuls les administrateurs du concessionnaire gèrent le personnel
admin-staff-forbidden-text = Demandez à un administrateur de votre concessionnaire de changer qui travaille dans le portail.
admin-staff-lead = Qui travaille dans le portail pour vos magasins. Les administrateurs gèrent les clients, le personnel et les paramètres; le personnel traite les demandes et les commentaires, pour tous les magasins ou seulement ceux que vous choisissez.
admin-staff-role = Rôle
admin-staff-role-admin = Administrateur
admin-staff-role-staff = Personnel
admin-staff-stores = Magasins
admin-staff-stores-hint = (aucun coché : tous les magasins)
admin-staff-name-missing = Entrez son nom.
admin-staff-email-invalid = Entrez un courriel comme nom@exemple.com.
admin-staff-invite = Inviter un membre du personnel
admin-staff-send-invitation = Envoyer l'invitation
admin-staff-invitation-resent = Invitation renvoyée à { $email }.
admin-staff-every-store = Tous les magasins
admin-staff-invited-at = Invité le { $time }
admin-staff-active-since = Actif depuis le { $time }
admin-staff-never-signed-in = Ne s'est jamais connecté
admin-staff-last-sign-in = Dernière connexion : { $time }
admin-staff-you = (vous)
admin-staff-edit = Changer le rôle ou les magasins
admin-staff-resend = Renvoyer l'invitation
admin-staff-deactivate-self-question = Vous serez déconnecté immédiatement et ne pourrez plus vous connecter tant qu'un autre administrateur ne vous aura pas réactivé. Désactiver votre propre accès?
admin-staff-deactivate-question = { $name } est déconnecté immédiatement et ne peut plus se connecter jusqu'à sa réactivation. Rien n'est supprimé. Désactiver?

## Back-office sync
admin-sync-title = Synchronisation avec le système de gestion
admin-sync-forbidden = Seuls les administrateurs du concessionnaire voient la synchronisation avec le système de gestion
admin-sync-forbidden-text = Adressez-vous à un administrateur de votre concessionnaire.
admin-sync-lead = Ce que votre système de gestion a envoyé au portail en dernier, et si c'était accepté.
admin-sync-kind-locations = Magasins
admin-sync-kind-customers = Clients
admin-sync-kind-contracts = Contrats
admin-sync-kind-invoices = Factures
admin-sync-kind-contract-documents = PDF des contrats
admin-sync-kind-invoice-documents = PDF des factures
admin-sync-kind-positions = Position des articles
admin-sync-kind-counter-payments = Paiements au comptoir
admin-sync-kind-posted-payments = Paiements comptabilisés
admin-sync-stale = Rien n'est arrivé depuis plus de { $hours } heures : { $kinds }. Vérifiez la tâche de synchronisation du système de gestion.
admin-sync-no-webhooks = Aucun point de terminaison webhook.
admin-sync-times-in = Heures de { $zone }.
admin-sync-col-data = Données
admin-sync-col-last-arrived = Dernière arrivée
admin-sync-col-records = Fiches
admin-sync-col-last-error = Dernière erreur
admin-sync-webhooks = Points de terminaison webhook
admin-sync-records-last = { $last } au dernier appel · { $now } en tout
admin-sync-records-now = { $now } en tout
admin-sync-no-error = Aucune
admin-sync-stale-badge = Aucune donnée depuis 24 h et plus
admin-sync-delivered-code = Livré ({ $code })
admin-sync-failed-code = Échec ({ $code })
admin-sync-failed-no-answer = Échec (aucune réponse)

## Audit log
admin-audit-title = Journal d'audit
admin-audit-forbidden = Seuls les administrateurs du concessionnaire peuvent lire le journal d'audit
admin-audit-lead = Qui a fait quoi, et quand : connexions, demandes de récupération et paiements des clients, et actions de votre personnel. Les heures et les jours sont ceux de votre concessionnaire.
admin-audit-empty = Aucun événement ne correspond
admin-audit-empty-text = Modifiez ou effacez les filtres pour en voir plus.
admin-audit-when = Quand
admin-audit-who = Qui
admin-audit-what = Quoi
admin-audit-customer = Client
admin-audit-target = Utilisateur visé
admin-audit-action = Action
admin-audit-any-action = Toutes les actions
admin-audit-any-customer = Tous les clients
admin-audit-customer-hint = Tous — choisissez-en un dans la liste
admin-audit-from = Du
admin-audit-to = Au
admin-audit-clear = Effacer les filtres
admin-audit-anyone = Tout le monde
admin-audit-only-person = Seulement les actions de cette personne
admin-audit-only-target = Seulement les actions visant cette personne
admin-audit-only-customer = Seulement les événements de ce client
admin-audit-back-office = { $name } (système de gestion)
admin-audit-the-portal = Le portail
admin-audit-show-event = { " " }: afficher l'événement complet
admin-audit-event = Événement
admin-audit-close = Fermer
admin-audit-api-client = { $name } (client API du système de gestion)
admin-audit-no-actor = — (le portail lui-même, ou un accès inconnu)
admin-audit-ip = Adresse IP
admin-audit-browser = Navigateur
admin-audit-event-id = ID de l'événement
admin-audit-details = Détails

## Audit log: actions
admin-audit-action-auth-login = S'est connecté
admin-audit-action-auth-login-failed = Échec de connexion
admin-audit-action-auth-locked = Verrouillé après des échecs de connexion
admin-audit-action-auth-logout = S'est déconnecté
admin-audit-action-auth-logout-all = S'est déconnecté partout
admin-audit-action-auth-refresh-reuse = Vol de session soupçonné; sessions fermées
admin-audit-action-auth-password-reset-requested = A demandé à réinitialiser son mot de passe
admin-audit-action-auth-password-reset = A réinitialisé son mot de passe par le lien du courriel
admin-audit-action-auth-invitation-accepted = A accepté une invitation
admin-audit-action-auth-signed-up = S'est inscrit
admin-audit-action-auth-signup-requested = A demandé à s'inscrire
admin-audit-action-auth-registered-by-phone = S'est inscrit par téléphone
admin-audit-action-account-password-changed = A changé son mot de passe
admin-audit-action-account-profile-updated = A modifié son profil
admin-audit-action-account-email-change-requested = A demandé à changer son courriel
admin-audit-action-account-email-changed = A changé son courriel
admin-audit-action-account-user-invited = Le titulaire a invité un utilisateur
admin-audit-action-account-invitation-revoked = Le titulaire a révoqué une invitation
admin-audit-action-account-user-permissions-changed = Le titulaire a changé les permissions d'un utilisateur
admin-audit-action-account-user-removed = Le titulaire a retiré un utilisateur
admin-audit-action-request-created = A envoyé une demande
admin-audit-action-request-cancelled = A annulé une demande
admin-audit-action-feedback-sent = A envoyé un commentaire
admin-audit-action-payment-started = A commencé un paiement
admin-audit-action-payment-succeeded = Paiement accepté
admin-audit-action-payment-pending = Paiement en attente
admin-audit-action-payment-declined = Paiement refusé
admin-audit-action-payment-posted = Paiement comptabilisé par le système de gestion
admin-audit-action-inbox-feedback-handled = A traité un commentaire
admin-audit-action-inbox-request-acknowledged = A confirmé la réception d'une demande
admin-audit-action-inbox-request-scheduled = A planifié une demande
admin-audit-action-inbox-request-completed = A terminé une demande
admin-audit-action-inbox-request-cancelled = Le magasin a annulé une demande
admin-audit-action-admin-user-invited = Un administrateur a invité un utilisateur client
admin-audit-action-admin-invitation-revoked = Un administrateur a révoqué une invitation
admin-audit-action-admin-user-unlocked = Un administrateur a déverrouillé un accès
admin-audit-action-admin-password-reset = Un administrateur a réinitialisé un mot de passe
admin-audit-action-admin-customer-deactivated = A fermé l'accès d'un client au portail
admin-audit-action-admin-customer-reactivated = A rouvert l'accès d'un client au portail
admin-audit-action-admin-customer-user-deactivated = A fermé l'accès d'un utilisateur du portail
admin-audit-action-admin-customer-user-reactivated = A rouvert l'accès d'un utilisateur du portail
admin-audit-action-admin-staff-invited = A invité un membre du personnel
admin-audit-action-admin-staff-invitation-resent = A renvoyé une invitation au personnel
admin-audit-action-admin-staff-updated = A changé le rôle ou les magasins d'un membre du personnel
admin-audit-action-admin-staff-deactivated = A désactivé un membre du personnel
admin-audit-action-admin-staff-reactivated = A réactivé un membre du personnel
admin-audit-action-dealer-settings-updated = A modifié les paramètres
admin-audit-action-api-client-created = A créé un client API
admin-audit-action-api-client-rotated = A renouvelé le secret d'un client API
admin-audit-action-api-client-revoked = A révoqué un client API
admin-audit-action-platform-admin-created = La plateforme a créé un administrateur
admin-audit-action-locations-upserted = Le système de gestion a chargé des magasins
admin-audit-action-location-deleted = Le système de gestion a supprimé un magasin
admin-audit-action-customers-upserted = Le système de gestion a chargé des clients
admin-audit-action-customer-deleted = Le système de gestion a supprimé un client
admin-audit-action-contracts-upserted = Le système de gestion a chargé des contrats
admin-audit-action-contract-deleted = Le système de gestion a supprimé un contrat
admin-audit-action-contract-pdf-uploaded = Le système de gestion a téléversé le PDF d'un contrat
admin-audit-action-invoices-upserted = Le système de gestion a chargé des factures
admin-audit-action-invoice-pdf-uploaded = Le système de gestion a téléversé le PDF d'une facture
admin-audit-action-counter-payments-upserted = Le système de gestion a chargé des paiements au comptoir
admin-audit-action-counter-payment-deleted = Le système de gestion a supprimé un paiement au comptoir
admin-audit-action-platform-dealer-created = La plateforme a créé le concessionnaire

## Settings
admin-optional = (facultatif)
admin-settings-forbidden = Seuls les administrateurs du concessionnaire modifient les paramètres
admin-settings-forbidden-text = Demandez à un administrateur de votre concessionnaire de changer l'apparence du portail, les courriels des magasins ou les paiements.
admin-settings-lead = L'apparence et les libellés de votre portail client, où vont les demandes et comment les clients paient. Les clients voient un changement au prochain chargement d'une page.
admin-settings-sections = Sections
admin-settings-saved = Enregistré. Les clients le verront au prochain chargement d'une page.

## Settings: branding
admin-settings-branding = Image de marque
admin-settings-branding-lead = Vos couleurs dans les écrans des clients. Chacune doit garder le texte blanc ou foncé lisible (WCAG AA, 4.5:1); le portail utilise celui qui réussit.
admin-settings-primary = Couleur principale
admin-settings-primary-hint = En-tête, boutons et tuile vedette
admin-settings-accent = Couleur d'accent
admin-settings-accent-hint = Mises en évidence et icône de la tuile vedette
admin-settings-colour-picker = Sélecteur de { $label }
admin-settings-colour-format = Écrivez la couleur sous la forme #rrggbb, p. ex. #1d4ed8.
admin-settings-colour-malformed = Utilisez une couleur écrite #rrggbb, comme #1d4ed8.
admin-settings-colour-low-contrast = Le texte serait difficile à lire sur { $colour } : le texte blanc atteint { $white }:1 et le texte foncé { $dark }:1, alors que WCAG AA exige { $needed }:1. Choisissez une teinte plus foncée (pour du texte blanc) ou plus pâle (pour du texte foncé).
admin-settings-contrast-white = Texte blanc { $ratio }:1
admin-settings-contrast-dark = Texte foncé { $ratio }:1
admin-settings-contrast-passes = réussit AA
admin-settings-contrast-fails = échoue AA
admin-settings-contrast-readable-white = Lisible : les boutons et la tuile vedette utilisent du texte blanc.
admin-settings-contrast-readable-dark = Lisible : les boutons et la tuile vedette utilisent du texte foncé.
admin-settings-contrast-links-dark = Les liens utilisent du texte foncé, car cette couleur est trop pâle pour du texte sur fond blanc.
admin-settings-contrast-too-low = Trop faible : aucune couleur de texte n'atteint { $needed }:1. Choisissez une teinte plus foncée (pour du texte blanc) ou plus pâle (pour du texte foncé).
admin-settings-preview = Aperçu
admin-settings-preview-label = Aperçu de l'accueil du client
admin-settings-preview-pay = Payer maintenant
admin-settings-preview-link = Un lien
admin-settings-save-colours = Enregistrer les couleurs
admin-settings-logo = Logo
admin-settings-logo-current = Logo actuel
admin-settings-logo-none = Aucun logo
admin-settings-logo-upload = Téléverser un logo
admin-settings-logo-remove = Retirer
admin-settings-logo-hint = PNG, JPEG ou SVG, jusqu'à 512 Ko. Un logo carré ou large sur fond transparent donne le meilleur résultat.
admin-settings-logo-remove-question = Les clients verront votre nom au lieu du logo. Le retirer?
admin-settings-logo-remove-yes = Retirer le logo
admin-settings-logo-too-large = Le logo dépasse 512 Ko. Exportez-le plus petit, ou en SVG.
admin-settings-logo-uploaded = Logo téléversé. Les clients le verront au prochain chargement d'une page.
admin-settings-logo-removed = Logo retiré : votre nom s'affiche à la place.

## Settings: words, languages and home tiles
admin-settings-words = Libellés
admin-settings-welcome = Message de bienvenue
admin-settings-welcome-placeholder = Tout ce que vous avez en location chez nous, au même endroit.
admin-settings-welcome-hint = Affiché en haut de l'accueil du client. { $count } caractères sur { $max }.
admin-settings-rent-or-hire = Vos clients disent « rent » ou « hire » (en anglais)
admin-settings-terminology = Terminologie
admin-settings-terminology-rentals = Rentals — en anglais, « My Rentals », « Call off »
admin-settings-terminology-hires = Hires — en anglais, « My Hires », « Off-hire »
admin-settings-save-words = Enregistrer les libellés
admin-settings-languages = Langues offertes aux clients
admin-settings-languages-short = Langues
admin-settings-languages-lead = Les langues dans lesquelles vos clients peuvent lire le portail; ils la choisissent à la page de connexion. S'il n'y en a qu'une, il n'y a rien à choisir.
admin-settings-save-languages = Enregistrer les langues
admin-settings-tiles = Tuiles d'accueil
admin-settings-tiles-lead = Les tuiles de l'écran d'accueil de vos clients. Demander la récupération et Payer exigent aussi la permission du client.
admin-settings-tiles-shown = Tuiles affichées
admin-settings-tiles-missing = Affichez au moins une tuile sur l'écran d'accueil.
admin-settings-save-tiles = Enregistrer les tuiles

## Settings: store emails
admin-settings-stores = Courriels des magasins
admin-settings-stores-lead = Où vont les courriels de récupération, de service et de commentaires de chaque magasin. Laissez vide pour utiliser le courriel du magasin fourni par votre système de gestion.
admin-settings-stores-empty = Aucun magasin pour l'instant : ils arrivent de votre système de gestion. D'ici là, les demandes vont à votre courriel de soutien.
admin-settings-store-requests-to = Les demandes vont à
admin-settings-store-fallback-support = Vide : les demandes vont à votre courriel de soutien.
admin-settings-store-fallback = Vide : les demandes vont à { $email }.
admin-settings-store-email-invalid = Entrez un courriel comme magasin@exemple.com.
admin-settings-store-saved = Enregistré : les nouvelles demandes iront là.

## Settings: payments
admin-settings-payments = Paiements
admin-settings-payments-lead = Comment les clients paient leurs factures en ligne. Les clés secrètes sont chiffrées et ne sont plus jamais affichées : seulement leurs quatre derniers caractères.
admin-settings-method-card = Carte
admin-settings-method-ach = Compte bancaire (ACH)
admin-settings-guest-payment = Paiement sans connexion
admin-settings-guest-payment-hint = Les clients paient une facture sans se connecter, avec son numéro et un deuxième renseignement.
admin-settings-methods-and = { $first } et { $next }
admin-settings-switch-off-question = Les clients ne pourront plus payer par { $methods }. Enregistrer?
admin-settings-switch-off = Désactiver et enregistrer
admin-settings-save-payments = Enregistrer les paiements
admin-settings-secret-masked = Clé secrète •••• { $last4 } · définie le { $time }
admin-settings-no-secret = Aucune clé secrète enregistrée
admin-settings-gateway = Passerelle : { $gateway }
admin-settings-public-key = Clé publiable
admin-settings-replace-secret = Remplacer la clé secrète
admin-settings-secret-key = Clé secrète
admin-settings-secret-keep = Vide : la clé enregistrée est conservée
admin-settings-secret-from-gateway = Depuis le tableau de bord de votre passerelle
