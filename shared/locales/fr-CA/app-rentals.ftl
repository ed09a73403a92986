# French, Canada (the same ids as en/) — rentals, call-off, extension, service request, book again.
# $terms is the dealer's word: rentals or hires.

## My Rentals / My Hires
rentals-views-label = Quels articles
rentals-view-on-rent = En location
rentals-view-upcoming = À venir
rentals-view-returned = Retournés
rentals-view-all = Tous
rentals-sort-start-newest = Début le plus récent
rentals-sort-start-oldest = Début le plus ancien
rentals-sort-back-soonest = Retour prévu, le plus proche
rentals-sort-back-latest = Retour prévu, le plus éloigné
rentals-sort-contract = Numéro de contrat
rentals-sort-description-az = Description A–Z
rentals-sort-description-za = Description Z–A
rentals-select = Sélectionner
rentals-select-done = Terminé
rentals-select-hint = Touchez les articles à faire récupérer, à faire réparer ou à prolonger.
rentals-search-placeholder = Article, numéro de série, chantier…
rentals-filter-due-by = Retour prévu d'ici le
rentals-empty-filtered = Aucun article ne correspond à ces filtres
rentals-empty-on-rent = Rien en location en ce moment
rentals-empty-upcoming = Rien de réservé pour plus tard
rentals-empty-returned = Rien de retourné pour l'instant
rentals-empty-all = Aucune location à ce compte pour l'instant
rentals-clear-filters = Effacer les filtres
rentals-per-day = / jour
rentals-per-week = / semaine
rentals-per-month = / mois
rentals-select-item = Sélectionner { $item }
rentals-select-all = Tout sélectionner sur cette page
rentals-item = Article
rentals-contract = Contrat
rentals-status = Statut
rentals-start = Début
rentals-expected-back = Retour prévu
rentals-returned = Retourné
rentals-returned-on = Retourné le { $date }
rentals-rates = Tarifs
rentals-site-store = Chantier / magasin
rentals-site-job = { $site } · Chantier { $job }
rentals-serial-asset = Nº de série / d'actif
rentals-location = Magasin
rentals-job = Chantier
rentals-job-site = Adresse du chantier
rentals-rate-day = Jour { $rate }
rentals-rate-week = Semaine { $rate }
rentals-rate-month = Mois { $rate }
rentals-selected-items = Articles sélectionnés
rentals-call-off-items = Faire récupérer { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
rentals-extend = Prolonger
rentals-service = Réparation

## Call-off / off-hire
call-off-not-allowed = Votre accès permet de consulter ce compte, mais pas de demander une récupération. Demandez cette autorisation au titulaire du compte.
call-off-nothing-title = Aucun article à récupérer
call-off-nothing-text = Choisissez d'abord, dans la page des locations, les articles qui sont sur le chantier.
call-off-date-missing = Choisissez la date de récupération.
call-off-date-past = La date de récupération ne peut pas être passée.
call-off-date-before-start = Pas avant le début de la location : { $item } est sorti le { $date }.
call-off-site-missing = Entrez l'adresse où les articles peuvent être récupérés.
call-off-title = Demande de récupération
call-off-lead = Demandez à { $dealer } de récupérer { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }. Vous recevez un numéro de confirmation tout de suite.
call-off-submit = Envoyer la demande de récupération
call-off-returner = Personne qui retourne l'équipement
call-off-skipped = { $count ->
        [one] { $count } des articles choisis n'est pas sur le chantier et est exclu.
       *[other] { $count } des articles choisis ne sont pas sur le chantier et sont exclus.
    }
call-off-pickup = Récupération
call-off-date-hint = Aujourd'hui signifie dès que possible.
call-off-window-any = N'importe quand
call-off-window-morning = Matin (7 h – 12 h)
call-off-window-afternoon = Après-midi (12 h – 17 h)
call-off-window-first-thing = Tôt le matin (7 h – 9 h)
call-off-driver-notes = Notes pour le chauffeur
call-off-driver-notes-placeholder = Où se trouve la machine sur le chantier, code de la barrière…

## Extension
extension-not-allowed = Votre accès permet de consulter ce compte, mais pas de modifier les dates de retour. Demandez cette autorisation au titulaire du compte.
extension-nothing-title = Aucun article à prolonger
extension-nothing-text = Choisissez d'abord, dans la page des locations, des articles sortis ou réservés.
extension-expected-back = Retour actuellement prévu le { $date }.
extension-pick-date = Choisissez la date à laquelle vous prévoyez retourner les articles.
extension-date-missing = Choisissez la nouvelle date de retour.
extension-date-too-early = Choisissez le { $date } ou une date ultérieure.
extension-title = Demander une prolongation
extension-lead = Demandez à { $dealer } de garder { $count ->
        [one] { $count } article
       *[other] { $count } articles
    } plus longtemps.
extension-submit = Demander la prolongation
extension-return-on = Retour le

## Service request
service-new-call = Nouvelle demande de service
service-description-missing = Dites au magasin ce qui ne va pas ou ce dont vous avez besoin.
service-lead = { $dealer } communiquera avec vous à ce sujet.
service-submit = Envoyer la demande de service
service-what = De quoi avez-vous besoin?
service-kind-label = Type de service
service-kind-breakdown = Panne
service-kind-damage = Signaler un dommage
service-kind-maintenance = Entretien
service-kind-other = Autre
service-description-placeholder = Ce qui s'est passé, codes d'erreur, quand vous en aurez besoin de nouveau…

## Book again
book-again-not-allowed = Votre accès permet de consulter ce compte, mais pas de commander. Demandez cette autorisation au titulaire du compte.
book-again-start-missing = Choisissez la date à partir de laquelle vous avez besoin des articles.
book-again-start-past = La date de début ne peut pas être passée.
book-again-end-invalid = Entrez une date ou laissez le champ vide.
book-again-end-before-start = La date de fin ne peut pas précéder la date de début.
book-again-address-missing = Entrez l'adresse de livraison.
book-again-lines-missing = Choisissez au moins un article.
book-again-title = Réserver de nouveau
book-again-lead = Demandez à { $dealer } de réserver de nouveau les articles du contrat { $number }.
book-again-submit = Envoyer la demande de réservation
book-again-last-time = La dernière fois : du { $start } au { $end }.
book-again-last-from = La dernière fois : à partir du { $start }.
book-again-items = Articles
book-again-when-where = Quand et où
book-again-delivery-address = Adresse de livraison
book-again-no-rental-items = Ce contrat ne comporte aucun article en location; le magasin vous appellera pour savoir ce dont vous avez besoin.
