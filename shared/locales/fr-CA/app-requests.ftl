# French, Canada (the same ids as en/) — requests, request detail, feedback, the request forms.
# $terms is the dealer's word: rentals or hires.

## The request forms (call-off, extension, service, book again)
request-not-allowed = Non disponible avec votre accès
request-back-home = Retour à l'accueil
request-choose-items = Choisir des articles
request-sending = Envoi…
request-items-count = Articles ({ $count })
request-optional = (facultatif)
request-site-address = Adresse du chantier
request-notes = Notes
request-check-fields = Veuillez vérifier les champs indiqués ci-dessous.
request-contact-name-missing = Entrez le nom de la personne à joindre.
request-contact-email-invalid = Entrez un courriel pour recevoir une copie de cette demande.
request-contact = Personne-ressource
request-name = Nom
request-phone = Téléphone
request-email = Courriel

## Kinds and statuses of requests, chosen items, confirmation
request-kind-call-off = Récupération
request-kind-service = Demande de service
request-kind-extension = Prolongation
request-kind-book-again = Nouvelle réservation
request-status-requested = Demandée
request-status-acknowledged = Reçue
request-status-scheduled = Planifiée
request-status-picked-up = Récupéré
request-status-done = Terminée
request-status-granted = Accordée
request-status-booked = Réservée
request-status-cancelled = Annulée
request-pickup-scheduled = Récupération planifiée
request-call-off-requested = Récupération demandée
request-service-requested = Service demandé
request-extension-requested = Prolongation demandée
request-booking-requested = Réservation demandée
request-serial = Nº de série { $serial }
request-contract = Contrat { $number }
request-on-rent-since = En location depuis le { $date }
request-pickup-date = Date de récupération
request-time-window = Plage horaire
request-new-return-date = Nouvelle date de retour
request-start-date = Date de début
request-end-date = Date de fin
request-service = Service
request-site = Chantier
request-description = Description
request-billing-stops-record = La facturation s'arrête à partir du { $date } — cette confirmation est votre preuve de la demande.
request-service-sent = Demande de service envoyée
request-booking-sent = Demande de réservation envoyée
request-confirmation-number = Numéro de confirmation
request-received-by = Reçue par { $store } le { $time }
request-received = Reçue par le magasin le { $time }
request-copy-sent = Nous avons envoyé une copie à { $email }. Le magasin confirmera par courriel.
request-follow = Suivre cette demande

## My requests and one request
requests-tabs-label = Quelles demandes
requests-tab-all = Toutes
requests-tab-open = Ouvertes
requests-tab-completed = Terminées
requests-tab-cancelled = Annulées
requests-empty-title = Aucune demande ici
requests-empty-text = Les demandes que vous envoyez depuis Mes locations s'affichent ici avec leur statut.
requests-general-service = Demande de service générale
requests-items-more = { $first } + { $count } { $count ->
        [one] autre
       *[other] autres
    }
requests-scheduled-on = Planifiée le { $date }
requests-pickup-on = Récupération le { $date }
requests-sent-at = Envoyée le { $time }
requests-not-found-title = Demande introuvable
requests-not-found-text = Cette demande n'existe pas ou n'appartient pas à ce compte.
requests-sent = Envoyée
requests-by = Par
requests-store = Magasin
requests-scheduled-for = Planifiée pour le
requests-billing-stops = Facturation arrêtée à partir du
requests-cancel-reason = Motif de l'annulation
requests-expected-back = Retour prévu le { $date }
requests-cancel = Annuler la demande
requests-cancel-hint = Vous pouvez l'annuler tant que le magasin ne l'a pas reçue.
requests-for-date = Pour le { $date }
requests-by-store-person = { $name } (magasin)
requests-by-you = Vous
requests-by-the-store = Le magasin
requests-by-the-counter = Le magasin (au comptoir)
requests-cancel-too-late = Le magasin a déjà reçu cette demande; elle ne peut donc plus être annulée ici. Veuillez appeler le magasin.
requests-cancel-title = Annuler la demande { $number }?
requests-cancel-text = Le magasin en sera avisé. Les articles d'une demande de récupération restent à votre compte comme avant.
requests-cancel-reason-label = Motif
requests-keep = Garder la demande

## Questions and feedback
feedback-lead = Questions, commentaires ou plainte : { $dealer } lit tous les messages.
feedback-earlier = Vos messages précédents
feedback-none = Aucun message pour l'instant.
feedback-subject-missing = Donnez un objet à votre message.
feedback-message-missing = Écrivez votre message.
feedback-email-invalid = Entrez le courriel auquel la réponse doit être envoyée.
feedback-sent-title = Message envoyé
feedback-sent-text = « { $subject } » a été transmis au magasin. La réponse sera envoyée à { $email }.
feedback-kind-label = Type de message
feedback-kind-question = Question
feedback-kind-feedback = Commentaire
feedback-kind-complaint = Plainte
feedback-subject = Objet
feedback-message = Message
feedback-store = Magasin
feedback-usual-store = Mon magasin habituel
feedback-email = Votre courriel
feedback-phone = Votre téléphone
feedback-submit = Envoyer le message
feedback-hurry = Vous êtes pressé? Appelez le
feedback-status-sent = Envoyé
feedback-status-answered = Répondu
feedback-answer = Magasin : { $answer }
