# French, Canada (the same ids as en/) — the customer's home page and its tiles.
# $terms is the dealer's word: rentals or hires.

## Home
home-welcome = Bienvenue
home-welcome-name = Bienvenue, { $name }
home-default-welcome = Tout le compte { $number } chez { $dealer }, au même endroit.
home-account-chip = { $name } · Compte { $number }
home-tiles-label = Que voulez-vous faire?
home-items-out = { $count ->
        [one] { $count } article en location
       *[other] { $count } articles en location
    } en ce moment
home-due-none = aucun retour prévu cette semaine
home-due-this-week = { $count ->
        [one] { $count } retour prévu cette semaine
       *[other] { $count } retours prévus cette semaine
    }
home-nothing-out = Rien en location en ce moment · articles à venir et retournés
home-rentals-default = Articles en location, à venir et retournés
call-off = Demander la récupération
home-call-off-text = Demandez qu'on récupère l'équipement dont vous n'avez plus besoin
home-invoices = Factures
home-invoices-due-overdue = { $due } à payer, { $overdue } en retard
home-invoices-due = { $due } à payer
home-invoices-paid = Rien à payer — tout est réglé
home-invoices-default = Factures, solde et PDF
home-pay = Payer
home-pay-due = Payer { $due } en ligne
home-pay-default = Payer des factures ou un acompte
home-reservations = Réservations
home-reservations-text = Équipement réservé pour plus tard
home-quotes = Soumissions
home-quotes-text = Les prix que le magasin vous a soumis
home-contracts = Tous les contrats
home-contracts-text = Rechercher, filtrer et exporter en CSV
home-requests = Mes demandes
home-requests-none = Aucune ouverte · récupérations, réparations et prolongations
home-requests-open = { $count ->
        [one] { $count } ouverte
       *[other] { $count } ouvertes
    } · récupérations, réparations et prolongations
home-requests-default = Récupérations, réparations et prolongations, et où elles en sont
home-tracking = Localisation
home-tracking-text = Où vos articles en location ont été vus pour la dernière fois
home-feedback = Questions et commentaires
home-feedback-text = Écrivez au magasin et voyez ses réponses
home-contact = Joindre le magasin
home-contact-text = Des questions? { $dealer } est là pour vous aider.
home-contact-none = Les coordonnées ne sont pas encore disponibles.

## Time (any screen): how long since, how long ago
time-under-a-minute = moins d’une minute
time-minutes = { $count } min
time-hours = { $count } h
time-days = { $count ->
        [one] { $count } jour
       *[other] { $count } jours
    }
time-just-now = à l’instant
time-ago = il y a { $elapsed }

summary-title = Sommaire du compte
summary-link = Sommaire du compte
summary-account-number = Numéro de compte
summary-address = Adresse
summary-phone = Téléphone
summary-email = Courriel
summary-credit = Crédit
summary-credit-limit = Limite de crédit
summary-no-credit-limit = Aucune limite fixée
summary-available-credit = Crédit disponible
summary-last-payment = Dernier paiement
summary-no-payments = Aucun paiement pour l'instant
summary-recent-invoices = Dernières factures
summary-recent-payments = Derniers paiements
summary-recent-requests = Dernières demandes
summary-no-invoices = Aucune facture pour l'instant
summary-no-requests = Aucune demande pour l'instant
summary-see-all = Tout voir
