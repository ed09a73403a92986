# French, Canada (the same ids as en/) — invoices, payments, pay, the account's users and accounts, profile.
# $terms is the dealer's word: rentals or hires.

## Invoice list
invoices-title = Factures
invoices-back-home = Accueil
invoices-payment-history = Historique des paiements
invoices-views-label = Quelles factures
invoices-view-open = Ouvertes
invoices-view-paid = Payées
invoices-view-all = Toutes
invoices-sort-newest = Plus récentes d'abord
invoices-sort-oldest = Plus anciennes d'abord
invoices-sort-due-soonest = Échéance, la plus proche
invoices-sort-due-latest = Échéance, la plus lointaine
invoices-sort-amount-due = Montant dû, le plus élevé
invoices-sort-total = Total, le plus élevé
invoices-sort-number = Numéro de facture
invoices-select-to-pay = Sélectionner pour payer
invoices-select-done = Terminé
invoices-select-hint = Touchez les factures que vous voulez payer.
invoices-balance-label = Solde du compte
invoices-balance-due = Solde dû
invoices-open-count = { $count ->
        [one] { $count } facture ouverte
       *[other] { $count } factures ouvertes
    }
invoices-overdue = En retard
invoices-past-due-count = { $count ->
        [one] { $count } facture échue
       *[other] { $count } factures échues
    }
invoices-nothing-past-due = Rien d'échu
invoices-pending-note = { $amount } en paiements en traitement n'est pas compté dans le solde.
invoices-ageing = Âge des comptes
invoices-ageing-current = Courant
invoices-ageing-1-30 = 1 à 30 jours
invoices-ageing-31-60 = 31 à 60 jours
invoices-ageing-61-90 = 61 à 90 jours
invoices-ageing-over-90 = Plus de 90 jours
invoices-search-placeholder = Facture, BC, chantier, contrat…
invoices-search = Rechercher
invoices-empty-filtered = Aucune facture ne correspond à ces filtres
invoices-empty-open = Tout est payé
invoices-empty-open-text = Il n'y a aucune facture ouverte dans ce compte.
invoices-empty-paid = Aucune facture payée pour l'instant
invoices-empty-all = Aucune facture dans ce compte pour l'instant
invoices-clear-filters = Effacer les filtres
invoices-ref-contract = Contrat { $number }
invoices-ref-po = BC { $number }
invoices-ref-job = Chantier { $number }
invoices-credit-to-use = Crédit à utiliser
invoices-days-overdue = { $count ->
        [one] { $count } jour de retard
       *[other] { $count } jours de retard
    }
invoices-select-all = Sélectionner toutes les factures payables de cette page
invoices-col-invoice = Facture
invoices-col-date = Date
invoices-col-due = Échéance
invoices-col-references = Contrat / BC / chantier
invoices-col-total = Total
invoices-col-status = État
invoices-processing-amount = { $amount } en traitement
invoices-paid-not-posted = { $amount } payé ici, pas encore inscrit
invoices-view-invoice = Voir la facture
invoices-pay-bar = { $count ->
        [one] Payer { $count } facture — { $amount }
       *[other] Payer { $count } factures — { $amount }
    }
invoices-pay-bar-label = Factures à payer

## One invoice (and what the list and the pay form share with it)
invoice-back = Retour aux factures
invoice-not-found = Facture introuvable
invoice-not-found-text = Cette facture n'existe pas ou n'appartient pas à ce compte.
invoice-kind-invoice = Facture
invoice-kind-credit-memo = Note de crédit
invoice-document-title = { $kind } { $number }
invoice-pay-this = Payer cette facture — { $amount }
invoice-pay-aria = Payer la facture { $number }
invoice-credit = Crédit
invoice-total = Total
invoice-amount-due = Montant dû
invoice-was-due = Échue le
invoice-due-date = Date d'échéance
invoice-due-on = Échéance le { $date }
invoice-no-due-date = Aucune échéance
invoice-processing = En traitement
invoice-pending-note = { $amount } payé par le portail est en traitement. Le solde sera mis à jour quand le magasin l'aura inscrit.
invoice-date = Date de facture
invoice-contract = Contrat
invoice-location = Succursale
invoice-po = BC
invoice-job = Chantier
invoice-charges = Frais ({ $count })
invoice-no-lines = Le magasin a envoyé cette facture sans le détail des lignes; le PDF contient la facture complète.
invoice-line-no = No
invoice-line-description = Description
invoice-line-item = Article
invoice-line-quantity = Qté
invoice-line-unit-price = Prix unitaire
invoice-line-amount = Montant
invoice-subtotal = Sous-total
invoice-tax = Taxes
invoice-paid = Payé
invoice-balance = Solde
invoice-payments-title = Paiements faits ici
invoice-no-payments = Aucun paiement par le portail pour l'instant.

## Statuses, methods and the no-permission panel (shared by the invoice and payment screens)
invoice-status-overdue = En retard
invoice-status-credit = Crédit
invoice-status-processing = Paiement en traitement
invoice-status-open = Ouverte
invoice-status-paid = Payée
invoice-status-void = Annulée
payment-status-paid = Payé
payment-status-pending = Paiement bancaire en attente
payment-status-processing = En traitement
payment-status-declined = Refusé
payment-tender-cash = Comptant
payment-tender-check = Chèque
payment-tender-card = Carte
payment-tender-ach = Compte bancaire (ACH)
payment-tender-other = Autre
payment-bank-account = Compte bancaire
payment-channel-portal = Payé dans le portail
payment-channel-counter = Payé au comptoir
payment-make = Faire un paiement
payment-see-invoices = Voir les factures
pay-not-allowed-title = Le paiement n'est pas offert à votre accès
pay-not-allowed-text = Vous n'avez pas la permission de payer pour ce compte — adressez-vous au titulaire du compte.

## Payment history
payments-title = Paiements
payments-empty = Aucun paiement pour l'instant
payments-empty-text = Les paiements faits par le portail, et ceux que le magasin a reçus au comptoir, s'affichent ici avec leurs reçus.
payments-col-receipt = Reçu
payments-col-date = Date
payments-col-method = Mode
payments-col-paid-by = Payé par
payments-col-amount = Montant
payments-col-status = État

## Receipt
receipt-not-found = Paiement introuvable
receipt-not-found-text = Ce paiement n'existe pas ou n'appartient pas à ce compte.
receipt-counter-note = Reçu par { $dealer } et inscrit par son bureau.
receipt-received = Paiement reçu
receipt-bank-submitted = Paiement bancaire soumis
receipt-bank-note = Il est réglé en 3 à 5 jours ouvrables; d'ici là, les factures s'affichent comme en traitement.
receipt-processing = Paiement en traitement
receipt-processing-note = Le fournisseur de paiement n'a pas encore répondu. Ce reçu sera mis à jour dès qu'il l'aura fait; vous ne serez pas facturé deux fois.
receipt-declined = Paiement refusé
receipt-nothing-taken = Aucun montant n'a été prélevé.
receipt-document-title = Reçu { $number }
receipt-number = Numéro de reçu
receipt-method = Mode
receipt-paid-by = Payé par
receipt-account = Compte
receipt-reference = Référence
receipt-paid = Payé
receipt-what-it-pays = Ce qu'il paie
receipt-invoice = Facture { $number }
receipt-on-account = Paiement au compte
receipt-total = Total
receipt-email-sent = Un reçu a été envoyé à { $email }.
receipt-print = Imprimer le reçu

## Pay
pay-title = Faire un paiement
pay-unavailable-title = Les paiements en ligne ne sont pas encore offerts
pay-unavailable-contact = { $dealer } n'accepte pas encore les paiements par le portail. Pour payer, joignez-le au { $contact }.
pay-unavailable-text = { $dealer } n'accepte pas encore les paiements par le portail.
pay-sandbox-title = Mode test — aucun argent réel n'est déplacé
pay-sandbox-card-approved = Carte acceptée :
pay-sandbox-card-approved-rest = , toute date d'expiration future, tout CVC.
pay-sandbox-card-declined = Carte refusée :
pay-sandbox-bank = Banque : numéro d'acheminement
pay-sandbox-bank-account = , tout numéro de compte (un numéro se terminant par
pay-sandbox-bank-refused = est refusé).
pay-lead-picking = Choisissez ce que vous payez à { $dealer }. Vous pouvez payer une partie d'une facture en modifiant son montant.
pay-lead-chosen = Payez { $dealer } en entier, ou modifiez un montant pour payer une partie d'une facture.
pay-lead-contract = Payez { $dealer } ce qui est dû sur les factures de ce contrat, ou un autre montant : il s'applique d'abord à la facture qui échoit en premier, puis à la suivante.
pay-contract-title = Contrat { $number }
pay-contract-all = Tout ce qui est dû sur ses factures : { $amount }
pay-contract-other = Un autre montant
pay-contract-amount = Montant à payer sur { $number }
pay-contract-pays = Paie { $amount }
pay-contract-pays-nothing = Non payée cette fois
pay-contract-nothing-title = Rien à payer sur { $number }
pay-contract-nothing-text = Ce contrat n'a aucune facture ouverte avec un solde dû. Ses factures sont peut-être déjà payées, ou pas encore envoyées.
pay-contract-back = Retour au contrat
pay-open-invoices = Factures ouvertes
pay-invoices-count = Factures ({ $count })
pay-left-out = { $count ->
        [one] { $count } des factures choisies est déjà payée ou en traitement, et est laissée de côté.
       *[other] { $count } des factures choisies sont déjà payées ou en traitement, et sont laissées de côté.
    }
pay-no-invoices = Il n'y a aucune facture ouverte à payer. Vous pouvez tout de même faire un paiement au compte ci-dessous.
pay-choose-other = Choisir d'autres factures
pay-overdue-since = En retard depuis le { $date }
pay-row-amount-due = Montant dû { $amount }
pay-amount = Montant à payer
pay-amount-on = Montant à payer sur { $number }
pay-part-payment = Paiement partiel : le reste demeure dû.
pay-on-account = Paiement au compte
pay-optional = (facultatif)
pay-on-account-hint = Un montant non lié à une facture, par exemple un dépôt. Le magasin l'applique pour vous.
pay-total = Total à payer
pay-total-count = { $count ->
        [0] Aucune facture choisie
        [one] { $count } facture
       *[other] { $count } factures
    }
pay-with = Payer par
pay-method-label = Mode de paiement
pay-card-number = Numéro de carte
pay-card-expiry = Expiration (MM/AA)
pay-card-expiry-placeholder = MM/AA
pay-card-cvc = Code de sécurité (CVC)
pay-card-name = Nom sur la carte
# $postcode: zip (US), postal (Canada) or postcode (elsewhere), after the dealer's locale.
pay-card-billing = { $postcode ->
        [zip] Code ZIP de facturation
        [postal] Code postal de facturation
       *[postcode] Code postal de facturation
    }
pay-bank-holder = Titulaire du compte
pay-bank-routing = Numéro d'acheminement
pay-bank-routing-placeholder = 9 chiffres
pay-bank-account = Numéro de compte
pay-bank-type = Type de compte
pay-bank-checking = Chèques
pay-bank-savings = Épargne
pay-bank-hint = Le prélèvement est réglé en 3 à 5 jours ouvrables. D'ici là, les factures s'affichent comme en traitement.
pay-receipt = Reçu
pay-receipt-email = Envoyer le reçu à
pay-declined = Paiement refusé
pay-processing = Traitement du paiement…
pay-submit = Payer
pay-submit-amount = Payer { $amount }
pay-secure = Les renseignements de carte et bancaires vont directement au fournisseur de paiement de { $dealer }. Ils ne sont jamais transmis à ce portail ni conservés par celui-ci.
pay-changed = Ce paiement a changé pendant son envoi. Vérifiez les montants et appuyez de nouveau sur Payer.
pay-check-fields = Vérifiez les champs indiqués ci-dessous.
# The form's own checks, before anything is sent. Write the example amounts with the
# language's decimal mark (120.00 in English and Spanish, 120,00 in French): the amount fields
# read them that way. $amount is already written as the language writes money.
pay-problem-amount = Entrez le montant à payer, p. ex. 120,00.
pay-problem-more-than-due = Le montant dû sur { $number } est d'au plus { $amount }.
pay-problem-on-account = Entrez un montant (p. ex. 250,00) ou laissez le champ vide.
pay-problem-receipt-email = Entrez l'adresse courriel à laquelle envoyer le reçu.
pay-problem-card-name = Entrez le nom qui figure sur la carte.
# $postcode: zip, postal or postcode, as for pay-card-billing.
pay-problem-card-postcode = { $postcode ->
        [zip] Entrez le code ZIP de facturation de la carte.
        [postal] Entrez le code postal de facturation de la carte.
       *[postcode] Entrez le code postal de facturation de la carte.
    }
pay-problem-bank-holder = Entrez le nom du titulaire du compte bancaire.
pay-problem-card-number = Vérifiez le numéro de carte.
pay-problem-expiry = Entrez la date d'expiration de la carte, MM/AA; elle ne peut pas être passée.
pay-problem-cvc = Utilisez le code de sécurité à 3 ou 4 chiffres.
pay-problem-routing-number = Utilisez le numéro d'acheminement à 9 chiffres.
pay-problem-account-number = Utilisez le numéro de compte, de 4 à 17 chiffres.
pay-problem-nothing-to-pay = Choisissez au moins une facture à payer, ou entrez un paiement au compte.
pay-problem-no-on-account = Entrez le montant du paiement au compte.
pay-problem-method-unavailable = Ce mode de paiement n'est pas encore configuré pour les paiements en ligne. Communiquez avec le magasin.

## Choose an account
account-picker-title = Choisissez un compte
account-picker-welcome = Bienvenue, { $name }. Dans quel compte travaillez-vous aujourd'hui?
account-picker-staff-title = Vous travaillez pour le magasin
account-picker-staff-text = Les demandes et les messages des clients se trouvent dans la boîte de réception du magasin.
account-picker-open-inbox = Ouvrir la boîte de réception
account-picker-none-title = Aucun compte pour l'instant
account-picker-none-text = Votre accès n'est lié à aucun compte client. Veuillez communiquer avec votre magasin de location.
account-picker-number = Compte { $number }

## The account's users
account-users-forbidden-title = Seul le titulaire du compte gère ses utilisateurs
account-users-forbidden-text = Demandez au titulaire de ce compte d'inviter des personnes ou de modifier ce qu'elles peuvent faire.
account-users-title = Utilisateurs de ce compte
account-users-lead = Qui peut utiliser { $name } · Compte { $number } dans le portail, et ce que chaque personne peut faire.
account-users-invite-sent = Invitation envoyée à { $email }.
account-users-revoked = L'invitation à { $email } a été révoquée. Son lien ne fonctionne plus.
account-users-with-access = Personnes ayant accès
account-users-perm-view = Consulter
account-users-perm-pay = Payer les factures
account-users-perm-call-off = Demander la récupération
account-users-perm-order = Commander
account-users-email-invalid = Entrez une adresse courriel, par exemple nom@entreprise.com.
account-users-invite-title = Inviter une personne
account-users-invite-email = Son adresse courriel
account-users-they-may = Cette personne peut
account-users-view-account = Consulter le compte
account-users-send-invitation = Envoyer l'invitation
account-users-pending-title = Invitées, pas encore inscrites
account-users-already-gone = L'invitation à { $email } a déjà été acceptée, révoquée ou est expirée.
account-users-invited = { $permissions } · invitée le { $date }
account-users-revoke-question = Révoquer cette invitation? Le lien dans le courriel ne fonctionnera plus.
account-users-keep = Conserver
account-users-revoke-invitation = Révoquer l'invitation
account-users-revoke = Révoquer
account-users-you = { $name } (vous)
account-users-owner = Titulaire
account-users-member = Membre
account-users-owner-note = Les titulaires peuvent tout faire et gérer les utilisateurs.
account-users-remove = Retirer
account-users-remove-title = Retirer { $name }?
account-users-remove-text = { $email } ne pourra plus utiliser ce compte. Son accès et ses autres comptes restent tels quels.
account-users-cancel = Annuler

## Your details (profile)
profile-title = Vos renseignements
profile-subtitle = Comment votre magasin vous joint, et comment vous vous connectez.
profile-back = Retour à votre compte
profile-contact-title = Coordonnées
profile-name = Votre nom
profile-name-missing = Entrez votre nom.
profile-name-too-long = Utilisez au plus 120 caractères.
profile-phone = Téléphone cellulaire
profile-phone-hint = Vous pouvez aussi vous connecter avec ce numéro. Laissez-le vide pour le retirer.
profile-language = Langue
profile-saved = Vos renseignements ont été enregistrés.
profile-save = Enregistrer
profile-saving = Enregistrement…
profile-email-title = Adresse courriel
profile-email-current = Vous vous connectez avec
profile-email-sent-title = Nous avons envoyé un lien à { $email }
profile-email-sent-text = Ouvrez-le pour confirmer le changement. Votre courriel reste { $email } d'ici là.
profile-new-email = Nouvelle adresse courriel
profile-email-invalid = Entrez une adresse courriel, par exemple nom@entreprise.com.
profile-email-same = C'est déjà l'adresse courriel de votre accès.
profile-email-taken = Un autre accès utilise déjà cette adresse courriel.
profile-password = Mot de passe actuel
profile-password-missing = Entrez votre mot de passe actuel.
profile-email-submit = Envoyer le lien de confirmation
profile-email-sending = Envoi…
