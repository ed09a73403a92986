# Les messages du portail en français (Canada) (mêmes ids que en.ftl).

## Login and language
login-title = Connectez-vous à votre compte
login-subtitle = Consultez vos contrats, locations et soumissions au même endroit.
login-field = Courriel ou numéro de téléphone
login-password = Mot de passe
login-submit = Se connecter
login-submitting = Connexion…
login-missing = Entrez votre courriel ou votre numéro de téléphone et votre mot de passe.
login-forgot = Mot de passe oublié?
login-first-time = Première visite?
login-register = Inscrivez-vous avec le téléphone de votre compte
login-no-login = Pas encore d'accès?
login-signup = Créez votre compte
login-help = Un problème de connexion? Appelez { $dealer } au
language-label = Langue

## Sections
nav-home = Accueil
nav-my-items = Mes locations
nav-items-short = Locations
nav-contracts = Contrats
nav-invoices = Factures
nav-payments = Paiements
nav-requests = Demandes
nav-tracking = Localisation
nav-contact = Joindre le magasin
nav-sections = Sections
nav-account = Compte

## Account menu
menu-your-details = Vos renseignements
menu-change-password = Changer le mot de passe
menu-log-out = Se déconnecter
menu-log-out-all = Se déconnecter de tous les appareils

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

## Without signal
offline-banner-title = Hors ligne — en date de { $time }
offline-banner-text = Voici ce que vous avez vu en dernier. Les demandes et les paiements exigent une connexion.
error-offline = Vous êtes hors ligne : rien n'a été envoyé. Réessayez quand vous aurez du signal.
error-network = Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.
