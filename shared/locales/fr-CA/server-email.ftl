# French, Canada (the same ids as en/) — e-mails the server sends.
# $terms is the dealer's word: rentals or hires.
# Québec usage, addressing the reader as "vous": courriel, location, cueillette, facture.

## The layout around every letter
email-greeting = Bonjour,
email-greeting-name = Bonjour { $name },
email-open-link = Ou ouvrez ce lien :
email-contact = Des questions? Communiquez avec nous : { $contact }.
email-labelled = { $label } :

## Labels of the facts listed in a letter
email-detail-account = Compte
email-detail-received = Date de réception
email-detail-store = Succursale
email-detail-kind = Type
email-detail-from = De
email-detail-reply-to = Répondre à
email-detail-phone = Téléphone
email-detail-endpoint = Point de terminaison
email-detail-why = Raison
email-detail-receipt-number = Numéro de reçu
email-detail-date = Date
email-detail-paid-by = Payé par
email-detail-method = Mode de paiement
email-detail-amount = Montant
email-detail-paid-towards = Appliqué à
email-detail-reference = Référence
email-detail-confirmation-number = Numéro de confirmation
email-detail-service = Service
email-detail-items = Articles
email-detail-pickup-date = Date de cueillette
email-detail-billing-stops = { $terms ->
        [hires] Fin des frais de location
       *[rentals] Fin de la facturation
    }
email-detail-new-return-date = Nouvelle date de retour
email-detail-wanted-from = Souhaité à partir du
email-detail-wanted-until = Souhaité jusqu’au
email-detail-scheduled-for = Date prévue
email-detail-site-address = Adresse du chantier
email-detail-contact = Personne-ressource
email-detail-description = Description
email-detail-notes = Remarques

## Passwords, invitations, sign-up and change of e-mail
email-log-in = Se connecter
email-password-reset-subject = Réinitialisez votre mot de passe { $dealer }
email-password-reset-asked = Quelqu’un a demandé de réinitialiser le mot de passe de votre accès au portail { $dealer }.
email-password-reset-expiry = Le lien ci-dessous ne fonctionne qu’une fois et expire dans { $minutes } minutes.
email-password-reset-action = Choisir un nouveau mot de passe
email-password-reset-footer = Si vous n’avez rien demandé, ignorez ce courriel : votre mot de passe reste le même.
email-admin-setup-subject = Configurez votre accès administrateur { $dealer }
email-admin-setup-created = Un accès administrateur au portail { $dealer } a été créé pour vous.
email-choose-password-expiry = Choisissez votre mot de passe avec le lien ci-dessous. Il ne fonctionne qu’une fois et expire dans { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }.
email-choose-password-action = Choisir votre mot de passe
email-unexpected-footer = Si vous ne vous attendiez pas à ce courriel, ignorez-le : rien ne se passe tant que le lien n’est pas utilisé.
email-staff-invitation-subject = Joignez-vous à l’équipe { $dealer }
# $role: dealer_admin or dealer_staff.
email-staff-invitation-invited = { $inviter } vous invite au portail { $dealer } { $role ->
        [dealer_admin] comme administrateur
       *[dealer_staff] comme membre du personnel
    }.
email-staff-invitation-an-admin = Un administrateur
email-password-changed-subject = Votre mot de passe { $dealer } a été modifié
email-password-changed-body = Le mot de passe de votre accès au portail vient d’être modifié, et tous les appareils ont été déconnectés.
email-password-changed-footer = Si ce n’était pas vous, communiquez avec nous sans tarder.
email-temporary-password-subject = Votre mot de passe temporaire { $dealer }
email-temporary-password-reset = { $dealer } a réinitialisé le mot de passe de votre accès au portail. Votre mot de passe temporaire est :
email-temporary-password-once = Il ne fonctionne que pour une seule connexion. Dès que vous vous serez connecté avec celui-ci, vous devrez choisir votre propre mot de passe; d’ici là, rien d’autre ne fonctionne dans le portail.
email-temporary-password-logged-out = Vous avez été déconnecté sur tous vos appareils.
email-temporary-password-footer = Si vous n’avez pas demandé cela à votre centre de location, communiquez avec nous sans tarder.
email-invitation-subject = Vous êtes invité au portail { $dealer }
email-invitation-body = Vous êtes invité au portail client { $dealer } pour le compte de { $customer } : consultez vos contrats et vos factures, payez et demandez des cueillettes en ligne.
email-invitation-expiry = Le lien ci-dessous ne fonctionne qu’une fois et expire dans { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }. Si { $email } a déjà un accès au portail, connectez-vous avec celui-ci et le compte s’ajoutera à votre liste.
email-invitation-action = Accepter l’invitation
email-invitation-footer = Si vous ne vous attendiez pas à ce courriel, ignorez-le.
email-signup-subject = Confirmez votre accès au portail { $dealer }
email-signup-asked = Quelqu’un a demandé de créer un accès au portail { $dealer } pour le compte de { $customer } avec cette adresse courriel.
email-signup-expiry = Pour confirmer, ouvrez le lien ci-dessous et choisissez un mot de passe. Il ne fonctionne qu’une fois et expire dans { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }.
email-signup-action = Confirmer et choisir un mot de passe
email-signup-footer = Si vous n’avez rien demandé, ignorez ce courriel : aucun accès n’est créé.
email-existing-login-subject = Vous avez déjà un accès au portail { $dealer }
email-existing-login-body = Quelqu’un a demandé de créer un accès au portail { $dealer } avec cette adresse courriel, mais vous en avez déjà un : connectez-vous avec cette adresse courriel et votre mot de passe.
email-existing-login-forgot = Mot de passe oublié? Choisissez-en un nouveau ici : { $link }
email-existing-login-footer = Si vous n’avez rien demandé, ignorez ce courriel : rien n’a changé.
email-change-confirm-subject = Confirmez votre nouveau courriel de connexion { $dealer }
email-change-confirm-asked = Vous avez demandé d’utiliser cette adresse courriel pour votre accès au portail { $dealer }.
email-change-confirm-expiry = Confirmez-la avec le lien ci-dessous; d’ici là, votre accès garde son ancienne adresse. Le lien ne fonctionne qu’une fois et expire dans { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }.
email-change-confirm-action = Confirmer cette adresse courriel
email-change-confirm-footer = Si vous n’avez rien demandé, ignorez ce courriel : rien ne change.
email-change-notice-subject = Le courriel de votre accès { $dealer } est en cours de modification
email-change-notice-body = Une personne connectée à votre accès au portail { $dealer } a demandé de remplacer son adresse courriel par { $email }. Le changement se fera à l’ouverture du lien envoyé à cette adresse.
email-change-notice-footer = Si ce n’était pas vous, changez votre mot de passe et communiquez avec nous sans tarder.

## Feedback to the store ($kind: question, feedback or complaint)
email-feedback-kind = { $kind ->
        [question] Question
        [complaint] Plainte
       *[feedback] Commentaire
    }
email-feedback-subject = { email-feedback-kind } : { $subject } ({ $customer })
email-feedback-body = { $customer } a envoyé { $kind ->
        [question] une question
        [complaint] une plainte
       *[feedback] un commentaire
    } par le portail client : « { $subject } »
email-feedback-footer = Marquez-le comme traité dans la boîte des commentaires du portail une fois la réponse donnée.

## Webhooks
email-webhook-disabled-subject = Un point de terminaison de webhooks a été désactivé
email-webhook-disabled-stopped = Le portail { $dealer } a cessé d’envoyer des webhooks à { $url }.
email-webhook-disabled-resume = Les événements restent en file d’attente et rien n’est perdu : dès que le point de terminaison répond de nouveau, réactivez-le dans la page Webhooks du portail et la file reprendra là où elle s’était arrêtée.
email-webhook-disabled-action = Ouvrir Webhooks
email-webhook-disabled-footer = Vous recevez ce courriel en tant qu’administrateur du portail.

## Payment receipts ($amount, $date and $number: the payment's)
email-bank-account = Compte bancaire
email-tender = { $tender ->
        [cash] Argent comptant
        [check] Chèque
        [card] Carte
        [ach] Compte bancaire (DPA)
       *[other] Autre
    }
email-receipt-subject = Reçu { $number } : votre paiement de { $amount }
email-receipt-received = Merci : nous avons reçu votre paiement de { $amount } le { $date }. Votre numéro de reçu est { $number }.
email-receipt-pending-subject = Votre paiement bancaire { $number } de { $amount } a été soumis
email-receipt-pending = Votre paiement bancaire de { $amount } a été soumis le { $date }. Il sera réglé dans un délai de 3 à 5 jours ouvrables. Votre numéro de reçu est { $number }.
email-receipt-keep = Conservez ce courriel comme reçu.
email-receipt-invoice-line = Facture { $number } : { $amount }
email-receipt-on-account-line = Au compte : { $amount }
email-receipt-footer = Vous pouvez consulter vos paiements dans le portail, sous Paiements.

## Requests ($kind: call_off, service, extension or book_again; $number: its confirmation number; $noun: email-request-noun)
# Every kind is a "demande" (feminine): the sentences below agree with it.
email-request-noun = { $kind ->
        [call_off] demande de cueillette
        [service] demande de service
        [extension] demande de prolongation
       *[book_again] demande de réservation
    }
email-service-kind = { $service ->
        [breakdown] Panne
        [damage] Signalement de dommages
        [maintenance] Entretien
       *[other] Autre
    }
email-request-item = { $quantity } x { $description } (contrat { $contract })
email-request-item-serial = { $quantity } x { $description } (contrat { $contract }, no de série { $serial })
email-request-store-subject = Nouvelle { $noun } { $number } de { $customer }
email-request-store-body = { $customer } ({ $account }) a envoyé une { $noun } par le portail client. Elle attend dans la boîte de réception du portail : accusez-en réception pour que le client voie qu’elle est prise en charge.
email-request-store-footer = Envoyé par le portail client.
email-request-copy-subject = Votre { $noun } { $number } a été reçue
email-request-copy-received = Nous avons reçu votre { $noun } le { $date }. Votre numéro de confirmation est { $number }.
email-request-copy-keep = Conservez ce courriel : il atteste quand vous nous avez demandé la cueillette et la date à partir de laquelle { $terms ->
        [hires] les frais de location doivent cesser
       *[rentals] la facturation doit cesser
    }.
email-request-copy-steps = Nous vous écrirons à chaque étape : confirmée, planifiée et terminée.
email-request-status = { $status ->
        [requested] en attente
        [acknowledged] confirmée
        [scheduled] planifiée
        [completed] { $kind ->
            [call_off] terminée (équipement ramassé)
            [extension] accordée
            [book_again] réservée
           *[service] terminée
        }
       *[cancelled] annulée
    }
email-request-status-subject = Votre { $noun } { $number } est { $status }
email-request-now = Votre { $noun } { $number } est maintenant { $status }.
email-request-scheduled = Votre { $noun } { $number } est planifiée pour le { $date }.
email-request-note = Note : { $note }
email-request-footer = Vous pouvez suivre cette demande dans le portail, sous Demandes.
