# French, Canada (the same ids as en/) — the PDFs the server renders (contracts, invoices).
# $terms is the dealer's word: rentals or hires.
# Québec usage: location, cueillette, facture, soumission.

## Both documents
doc-customer = CLIENT
doc-store = SUCCURSALE
doc-account = Compte { $number }
doc-footer = Généré le { $date } — page { $page } de { $pages }
doc-column-number = #
doc-column-quantity = QTÉ
doc-column-amount = MONTANT
doc-status = STATUT
doc-detail-contract = CONTRAT
doc-detail-job = PROJET
doc-detail-po = BON DE COMMANDE
doc-detail-branch = SUCCURSALE
doc-amount-due = Montant dû

## Contracts ($number: the contract's)
doc-contract-kind = CONTRAT DE LOCATION
doc-contract-title = { $dealer } : contrat { $number }
doc-contract-continued = Contrat { $number } (suite)
doc-ordered-by = Commandé par { $name }
doc-contract-status = { $status ->
        [quote] Soumission
        [reservation] Réservation
        [open] Ouvert
       *[closed] Fermé
    }
doc-detail-start-date = DATE DE DÉBUT
doc-detail-close-date = DATE DE FERMETURE
doc-detail-last-updated = DERNIÈRE MISE À JOUR
doc-detail-job-site = CHANTIER
doc-column-item = ARTICLE
doc-column-start = SORTIE
doc-column-return = RETOUR
doc-line-status = { $status ->
        [reserved] Réservé
        [out] En location
        [called_off] Cueillette demandée
       *[returned] Retourné
    }
doc-serial = Numéro de série { $serial }
doc-rate-day = Jour { $rate }
doc-rate-week = Semaine { $rate }
doc-rate-month = Mois { $rate }
doc-sale = Vente
doc-no-contract-lines = Ce contrat n’a encore aucune ligne.
doc-contract-total = Total du contrat
doc-contract-charges-note = Les frais de location courent jusqu’à la demande de cueillette et au ramassage des articles.
doc-notes = REMARQUES

## Invoices and credit memos ($kind: invoice or credit_memo; $number: the document's)
doc-invoice-kind = { $kind ->
        [credit_memo] NOTE DE CRÉDIT
       *[invoice] FACTURE
    }
doc-invoice-title = { $dealer } : { $kind ->
        [credit_memo] note de crédit
       *[invoice] facture
    } { $number }
doc-invoice-issuer = { $dealer } · { $kind ->
        [credit_memo] note de crédit
       *[invoice] facture
    } { $number }
doc-invoice-continued = { $kind ->
        [credit_memo] Note de crédit
       *[invoice] Facture
    } { $number } (suite)
doc-detail-number = NUMÉRO
doc-detail-date = DATE
doc-detail-due-date = DATE D’ÉCHÉANCE
doc-invoice-status = { $status ->
        [overdue] En souffrance
        [open] Ouverte
        [paid] Payée
       *[void] Annulée
    }
doc-column-description = DESCRIPTION
doc-column-unit-price = PRIX UNITAIRE
doc-no-invoice-lines = Ce document n’a aucune ligne.
doc-subtotal = Sous-total
doc-tax = Taxes
doc-total = Total
doc-paid = { $kind ->
        [credit_memo] Appliqué
       *[invoice] Payé
    }
doc-credit-remaining = Crédit restant
doc-pending-payments = { $amount } payé en ligne en cours de traitement.
