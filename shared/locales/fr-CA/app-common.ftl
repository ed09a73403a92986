# French, Canada (the same ids as en/) — shared components: lists, filters, pagers, status chips, downloads, forms.
# $terms is the dealer's word: rentals or hires.

## Status chips: a contract's status, a line's status or kind
status-contract-quote = Soumission
status-contract-reservation = Réservation
status-contract-open = Ouvert
status-contract-closed = Fermé
status-line-reserved = Réservé
status-line-out = En location
status-line-called-off = Récupération demandée
status-line-returned = Retourné
status-line-sale = Vente
status-line-fee = Frais

## Loading and errors
common-try-again = Réessayer

## Contract list: table columns, cards and the phone sort
contract-list-contract = Contrat
contract-list-status = Statut
contract-list-start = Début
contract-list-closed = Fermeture
contract-list-location = Succursale
contract-list-job = Chantier
contract-list-po = BC
contract-list-amount = Montant
contract-list-amount-due = Montant dû
contract-list-sort-newest-start = Date de début la plus récente
contract-list-sort-oldest-start = Date de début la plus ancienne
contract-list-sort-latest-close = Date de fermeture la plus récente
contract-list-sort-number = Numéro de contrat
contract-list-sort-amount = Montant le plus élevé
contract-list-sort-amount-due = Montant dû le plus élevé
contract-list-sort-status = Statut
contract-list-sort-number-desc = Numéro de contrat (décroissant)

## Filters
filter-search = Rechercher
filter-contracts-search = Contrat, chantier, BC, article, série…
filter-filters = Filtres
# For screen readers, after "Filters": how many filters are in force.
filter-active = { $count ->
        [one] , { $count } actif
       *[other] , { $count } actifs
    }
filter-status = Statut
filter-all-statuses = Tous les statuts
filter-start-from = Début à partir du
filter-start-to = Début jusqu'au
filter-location = Succursale
filter-all-locations = Toutes les succursales
filter-job = Chantier
filter-po = BC
filter-apply = Appliquer les filtres
filter-clear = Effacer

## Lists: sort, pages, ticked rows
list-sort = Trier
pager-label = Pages
pager-previous-page = Page précédente
pager-previous = Précédente
pager-next-page = Page suivante
pager-next = Suivante
pager-no-results = Aucun résultat
pager-showing = Résultats { $first } à { $last } sur { $total }
selection-select-page = Tout sélectionner sur cette page
selection-count = { $count ->
        [one] { $count } sélectionné
       *[other] { $count } sélectionnés
    }
selection-clear = Effacer

## Downloads
download-csv = Télécharger le CSV
download-open-pdf = Ouvrir le PDF
download-pdf = Télécharger le PDF
download-refused = Votre navigateur a refusé le téléchargement.
download-file-refused = Votre navigateur a refusé le fichier.
download-no-window = Aucune fenêtre de navigateur.
download-no-document = Aucun document.
download-no-link = Impossible de créer un lien.
download-no-body = Aucun corps de page.

## Account frame
layout-unknown-account-title = Compte non disponible
layout-unknown-account-text = Ce compte n'est pas accessible avec votre identifiant.
layout-unknown-account-choose = Choisir un compte
