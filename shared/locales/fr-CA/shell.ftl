# French, Canada (the same ids as en/) — the shell of the web app: login, language, sections, account menu, no signal. Compiled into the main module (English) or fetched at start.
# $terms is the dealer's word: rentals or hires.

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
dev-mailbox = Boîte courriel de développement

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

## Header
header-inbox = Boîte de réception
header-account-number = Compte { $number }
header-switch-account = Changer de compte
header-all-accounts = Tous les comptes

## Account menu
menu-your-details = Vos renseignements
menu-change-password = Changer le mot de passe
menu-log-out = Se déconnecter
menu-log-out-all = Se déconnecter de tous les appareils
menu-your-login = Votre identifiant :
menu-users = Utilisateurs de ce compte
menu-exit-view = Quitter la vue
logout-all-title = Se déconnecter de tous les appareils?
logout-all-text = Vous serez déconnecté ici et sur chaque téléphone, tablette et ordinateur où vous êtes connecté. Vous pourrez vous reconnecter avec votre mot de passe.
logout-all-cancel = Annuler
logout-all-confirm = Se déconnecter partout

## Without signal
offline-banner-title = Hors ligne — en date de { $time }
offline-banner-text = Voici ce que vous avez vu en dernier. Les demandes et les paiements exigent une connexion.
error-offline = Vous êtes hors ligne : rien n'a été envoyé. Réessayez quand vous aurez du signal.
error-network = Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.

## Errors
error-problem-detail = { $title } — { $detail }
error-problem-field = { $title } : { $message }
error-rate-limited-for = Trop de tentatives; réessayez dans { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }.
error-rate-limited = Trop de tentatives; patientez quelques minutes, puis réessayez.
error-unexpected = Le serveur a envoyé une réponse que nous n'avons pas comprise.
error-signed-out = Votre session a pris fin. Veuillez vous reconnecter.
error-payment-declined = Le paiement a été refusé. Aucun montant n'a été prélevé.

## Forms of the signed-out screens
form-your-login = Votre identifiant
form-setting-up = Configuration…
password-new = Nouveau mot de passe
password-repeat = Répétez le nouveau mot de passe
password-show = Afficher les mots de passe
password-hide = Masquer les mots de passe
password-too-short = Utilisez au moins { $min } caractères.
password-mismatch = Les deux mots de passe ne correspondent pas.

## Page not found
not-found-title = Page introuvable
not-found-text = La page demandée n'existe pas ou a été déplacée.
not-found-home = Aller à l'accueil

## A screen whose code could not be downloaded
area-unavailable-title = Cet écran n’a pas pu se charger
area-unavailable-text = Vérifiez votre connexion, puis réessayez.
area-unavailable-retry = Réessayer

## Shown by the frame before the screens' words arrive: loading, the bell, a view as a customer
common-loading = Chargement…
common-error-title = Une erreur s'est produite
bell-all-requests = Toutes les demandes
bell-empty = Rien de nouveau. Les nouvelles demandes et les nouveaux messages s'affichent ici.
bell-feedback = Commentaires
bell-notifications = Notifications
bell-label-unread = { $count ->
        [one] Notifications, { $count } non lue
       *[other] Notifications, { $count } non lues
    }
view-as-back = Revenir à votre vue
view-as-exit = Quitter la vue
view-as-button = Voir en tant que { $name }
view-as-ended = La vue en tant que { $who } est terminée.
view-as-title = Voir le portail exactement comme { $name } le voit, en lecture seule, pendant 30 minutes au plus
view-as-viewing = Vue en tant que { $who } — lecture seule
