# French, Canada (the same ids as en/) — contracts, contract detail, tracking.
# $terms is the dealer's word: rentals or hires.

## Contract list
contracts-title-all = Tous les contrats
contracts-title-open = Mes locations
contracts-title-reservations = Réservations
contracts-title-quotes = Soumissions
contracts-title-closed = Contrats fermés
contracts-empty-title = Aucun contrat ne correspond à ces filtres
contracts-empty-text = Essayez une période plus large ou moins de filtres.
contracts-empty-clear = Effacer les filtres
# A contract's tab title, and a link to it.
contracts-contract-number = Contrat { $number }
# An item's serial number.
contracts-serial-number = N/S { $serial }

## Contract detail
contract-detail-back = Retour aux contrats
contract-detail-not-found-title = Contrat introuvable
contract-detail-not-found-text = Ce contrat n'existe pas ou n'appartient pas à ce compte.
contract-detail-eyebrow = Contrat
contract-detail-amount = Montant
contract-detail-amount-due = Montant dû
contract-detail-location = Succursale
contract-detail-job = Chantier
contract-detail-po = BC
contract-detail-job-site = Adresse du chantier
contract-detail-ordered-by = Commandé par
contract-detail-start-date = Date de début
contract-detail-close-date = Date de fermeture
contract-detail-book-again = Réserver de nouveau
contract-detail-pay = Payer ce contrat
contract-detail-lines = Articles et frais ({ $count })
contract-detail-description = Description
contract-detail-item-serial = Article / série
contract-detail-item = Article
contract-detail-serial = Série
contract-detail-qty = Qté
contract-detail-status = Statut
contract-detail-rates = Tarifs
contract-detail-start = Début
contract-detail-expected-back = Retour prévu
contract-detail-returned = Retourné
# A line's rates stacked in the table: "$45.00 / day".
contract-detail-per-day = jour
contract-detail-per-week = semaine
contract-detail-per-month = mois
# A line's rates on phones.
contract-detail-rate-day = Jour { $rate }
contract-detail-rate-week = Semaine { $rate }
contract-detail-rate-month = Mois { $rate }

## Tracking
tracking-title = Localisation
tracking-lead = Où vos articles en location ont été signalés pour la dernière fois.
tracking-refresh = Actualiser
tracking-empty = Rien en location en ce moment
tracking-map-empty = Aucun de ces articles n'a encore signalé de position.
tracking-located = { $located ->
        [one] { $located } article sur { $count } avec une position signalée.
       *[other] { $located } articles sur { $count } avec une position signalée.
    }
tracking-open-map = Ouvrir dans les cartes
tracking-no-position = Aucune position signalée
tracking-map-label = { $count ->
        [one] Plan du site avec { $count } article
       *[other] Plan du site avec { $count } articles
    }
# The width of the site map; $distance is a number.
tracking-map-across-m = ≈ { $distance } m de largeur
tracking-map-across-km = ≈ { $distance } km de largeur
# A map marker for two or more items at one place, and the site they share.
tracking-place-items = { $count } articles
tracking-place-items-site = { $count } articles · { $site }
# A marker's name for screen readers; it starts with what the marker shows (its number, or how
# many items share the spot, then $label), in that order.
tracking-marker-one = { $number } { $label }, ouvrir dans les cartes
tracking-marker-many = { $count } { $label } : articles { $numbers }, ouvrir dans les cartes
