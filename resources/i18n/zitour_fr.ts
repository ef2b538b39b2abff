<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>Plan guided bus tours of industrial zones, offline.</source>
        <translation>Préparer des visites guidées en autocar de zones industrielles, hors ligne.</translation>
    </message>
    <message>
        <source>Maps and roads: data © OpenStreetMap contributors, available under the Open Database License (ODbL).</source>
        <translation>Cartes et routes : données © les contributeurs d'OpenStreetMap, disponibles sous licence Open Database License (ODbL).</translation>
    </message>
    <message>
        <source>About ZI Tour planner</source>
        <translation>À propos de ZI Tour planner</translation>
    </message>
</context>
<context>
    <name>AmbassadorsPanel</name>
    <message>
        <source>Add ambassador</source>
        <translation>Ajouter un ambassadeur</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete the selected ambassador</source>
        <translation>Supprimer l'ambassadeur choisi</translation>
    </message>
    <message>
        <source>When they can be on board, e.g. 9 h 00–12 h 00; mardi 16 juin 14 h–17 h; 16/06/2026 9 h–12 h</source>
        <translation>Quand il ou elle peut être à bord, par ex. 9 h 00–12 h 00 ; mardi 16 juin 14 h–17 h ; 16/06/2026 9 h–12 h</translation>
    </message>
    <message>
        <source>Tick the sites this ambassador can present</source>
        <translation>Cochez les sites que cet ambassadeur peut présenter</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Presents</source>
        <translation>Présente</translation>
    </message>
    <message>
        <source>Leg</source>
        <translation>Trajet</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>On board</source>
        <translation>À bord</translation>
    </message>
    <message>
        <source>Who is on board on each leg of the plan</source>
        <translation>Qui est à bord sur chaque trajet du planning</translation>
    </message>
</context>
<context>
    <name>BilanDialog</name>
    <message>
        <source>Season report</source>
        <translation>Bilan de la saison</translation>
    </message>
    <message>
        <source>Add projects…</source>
        <translation>Ajouter des projets…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Update the report</source>
        <translation>Actualiser le bilan</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>Territoire</translation>
    </message>
    <message>
        <source>Organisers</source>
        <translation>Organisateurs</translation>
    </message>
    <message>
        <source>The season's project files</source>
        <translation>Les projets de la saison</translation>
    </message>
    <message>
        <source>Export the report…</source>
        <translation>Exporter le bilan…</translation>
    </message>
    <message>
        <source>The season's projects</source>
        <translation>Les projets de la saison</translation>
    </message>
    <message>
        <source>ZI Tour projects (*.zitour)</source>
        <translation>Projets ZI Tour (*.zitour)</translation>
    </message>
    <message>
        <source>All territories</source>
        <translation>Tous les territoires</translation>
    </message>
    <message>
        <source>%1 tours, %2 registered, %3 present, %4 companies</source>
        <translation>%1 circuits, %2 inscrits, %3 présents, %4 entreprises</translation>
    </message>
    <message>
        <source>Export the season's report into</source>
        <translation>Exporter le bilan de la saison dans</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Écrit : %1</translation>
    </message>
</context>
<context>
    <name>ConsolePanel</name>
    <message>
        <source>Arrived (F6)</source>
        <translation>Arrivés (F6)</translation>
    </message>
    <message>
        <source>Departed (F7)</source>
        <translation>Départ (F7)</translation>
    </message>
    <message>
        <source>Skip the next stop (F8)</source>
        <translation>Sauter l'arrêt suivant (F8)</translation>
    </message>
    <message>
        <source>Next video (Page Down)</source>
        <translation>Vidéo suivante (Page suiv.)</translation>
    </message>
    <message>
        <source>Pause the video (Page Up)</source>
        <translation>Pause vidéo (Page préc.)</translation>
    </message>
    <message>
        <source>On board:</source>
        <translation>À bord :</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Compter</translation>
    </message>
    <message>
        <source>Record how many participants are back on board before leaving</source>
        <translation>Noter combien de participants sont remontés avant de repartir</translation>
    </message>
    <message>
        <source>Rehearse</source>
        <translation>Répétition</translation>
    </message>
    <message>
        <source>Drive the plan on its own clock, to try the day (nothing goes on the road)</source>
        <translation>Dérouler le plan à son heure, pour essayer la journée (sans rouler)</translation>
    </message>
    <message>
        <source>Replay a track…</source>
        <translation>Rejouer une trace…</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <source>Follow the bus with the GPS plugged in (serial port in the settings)</source>
        <translation>Suivre le car avec le GPS branché (port série dans les réglages)</translation>
    </message>
    <message>
        <source>Stop following</source>
        <translation>Arrêter le suivi</translation>
    </message>
    <message>
        <source>Re-plan from here</source>
        <translation>Recalculer depuis ici</translation>
    </message>
    <message>
        <source>Passenger screen</source>
        <translation>Écran passagers</translation>
    </message>
    <message>
        <source>Day report…</source>
        <translation>Bilan du jour…</translation>
    </message>
    <message>
        <source>Back to planning</source>
        <translation>Retour à la préparation</translation>
    </message>
    <message>
        <source>Videos start:</source>
        <translation>Départ des vidéos :</translation>
    </message>
    <message>
        <source>at the plan's time</source>
        <translation>à l'heure du plan</translation>
    </message>
    <message>
        <source>300 m before the company</source>
        <translation>300 m avant l'entreprise</translation>
    </message>
    <message>
        <source>600 m before the company</source>
        <translation>600 m avant l'entreprise</translation>
    </message>
    <message>
        <source>1 km before the company</source>
        <translation>1 km avant l'entreprise</translation>
    </message>
    <message>
        <source>New day…</source>
        <translation>Nouvelle journée…</translation>
    </message>
    <message>
        <source>Forget this bus's log (after a rehearsal) and start the day afresh</source>
        <translation>Effacer le journal de ce car (après une répétition) et recommencer la journée</translation>
    </message>
    <message>
        <source>of %1 registered</source>
        <translation>sur %1 inscrits</translation>
    </message>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 min</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>À l'heure</translation>
    </message>
    <message>
        <source>%1 behind schedule</source>
        <translation>En retard de %1</translation>
    </message>
    <message>
        <source>%1 ahead of schedule</source>
        <translation>En avance de %1</translation>
    </message>
    <message>
        <source>Back at the depot</source>
        <translation>Retour au dépôt</translation>
    </message>
    <message>
        <source>Returning to the depot</source>
        <translation>En route vers le dépôt</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>À %1</translation>
    </message>
    <message>
        <source>Leave in %1</source>
        <translation>Départ dans %1</translation>
    </message>
    <message>
        <source>Time to leave</source>
        <translation>C'est l'heure de repartir</translation>
    </message>
    <message>
        <source>Passing %1</source>
        <translation>Passage devant %1</translation>
    </message>
    <message>
        <source>Next stop: %1</source>
        <translation>Prochain arrêt : %1</translation>
    </message>
    <message>
        <source>planned at %1</source>
        <translation>prévu à %1</translation>
    </message>
    <message>
        <source>in %1 (%2)</source>
        <translation>dans %1 (%2)</translation>
    </message>
    <message>
        <source>Not left yet</source>
        <translation>Pas encore parti</translation>
    </message>
    <message>
        <source>%1 presents %2</source>
        <translation>%1 présente %2</translation>
    </message>
    <message>
        <source>%1 presents %2 in %3</source>
        <translation>%1 présente %2 dans %3</translation>
    </message>
    <message>
        <source>video</source>
        <translation>vidéo</translation>
    </message>
    <message>
        <source>Next video: %1 in %2</source>
        <translation>Vidéo suivante : %1 dans %2</translation>
    </message>
    <message>
        <source>Next video: %1 in %2 (%3)</source>
        <translation>Vidéo suivante : %1 dans %2 (%3)</translation>
    </message>
    <message>
        <source>No video left</source>
        <translation>Plus de vidéo prévue</translation>
    </message>
    <message>
        <source>Off the planned route since %1</source>
        <translation>Hors de l'itinéraire prévu depuis %1</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Type the date (16/06/2026, mardi 16 juin…) or pick it in the calendar</source>
        <translation>Tapez la date (16/06/2026, mardi 16 juin…) ou choisissez-la dans le calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
</context>
<context>
    <name>DayReportDialog</name>
    <message>
        <source>Day report — %1</source>
        <translation>Bilan du jour — %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fait</translation>
    </message>
    <message>
        <source>there now</source>
        <translation>sur place</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passé</translation>
    </message>
    <message>
        <source>passed without stopping</source>
        <translation>passé sans arrêt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>sauté</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>non atteint</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>Planned arrival</source>
        <translation>Arrivée prévue</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Planned departure</source>
        <translation>Départ prévu</translation>
    </message>
    <message>
        <source>Departure</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>On board</source>
        <translation>À bord</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Driven</source>
        <translation>Réel</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>Arrêts</translation>
    </message>
    <message>
        <source>Legs</source>
        <translation>Trajets</translation>
    </message>
    <message>
        <source>Export (CSV, GPX)…</source>
        <translation>Exporter (CSV, GPX)…</translation>
    </message>
</context>
<context>
    <name>DriverRulesForm</name>
    <message>
        <source>Driving time after which the driver must rest (EU: 4 h 30)</source>
        <translation>Temps de conduite après lequel le conducteur doit se reposer (UE : 4 h 30)</translation>
    </message>
    <message>
        <source>The rest after that driving, in one go (EU: 45 min). A stop at least this long counts as the rest</source>
        <translation>Le repos après cette conduite, d'un seul tenant (UE : 45 min). Un arrêt au moins aussi long compte comme repos</translation>
    </message>
    <message>
        <source>Or the rest in two parts: a first one during the driving, the second one when the driving time is up (EU: 15 min then 30 min)</source>
        <translation>Ou le repos en deux parties : une première pendant la conduite, la seconde quand le temps de conduite est écoulé (UE : 15 min puis 30 min)</translation>
    </message>
    <message>
        <source>The longest working day of a driver, departure to return (EU: 12 h)</source>
        <translation>La plus longue journée de travail d'un conducteur, du départ au retour (UE : 12 h)</translation>
    </message>
    <message>
        <source>EU defaults</source>
        <translation>Valeurs UE</translation>
    </message>
    <message>
        <source>Back to the EU rules: 4 h 30 of driving, then 45 min (or 15 + 30 min); 12 h of duty</source>
        <translation>Revenir aux règles UE : 4 h 30 de conduite, puis 45 min (ou 15 + 30 min) ; 12 h d'amplitude</translation>
    </message>
    <message>
        <source>then a break of</source>
        <translation>puis une pause de</translation>
    </message>
    <message>
        <source>Driving</source>
        <translation>Conduite</translation>
    </message>
    <message>
        <source>or split</source>
        <translation>ou en deux</translation>
    </message>
    <message>
        <source>Longest day</source>
        <translation>Amplitude max.</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <source>Edit ambassador</source>
        <translation>Modification d'un ambassadeur</translation>
    </message>
    <message>
        <source>Edit site</source>
        <translation>Modification d'un site</translation>
    </message>
    <message>
        <source>Edit tour</source>
        <translation>Modification du circuit</translation>
    </message>
    <message>
        <source>Edit bus</source>
        <translation>Modification du car</translation>
    </message>
    <message>
        <source>Edit stop</source>
        <translation>Modification d'un arrêt</translation>
    </message>
    <message>
        <source>Edit group</source>
        <translation>Modification d'un groupe</translation>
    </message>
    <message>
        <source>Edit video</source>
        <translation>Modifier la vidéo</translation>
    </message>
    <message>
        <source>Add site</source>
        <translation>Ajout d'un site</translation>
    </message>
    <message>
        <source>Move site</source>
        <translation>Déplacement d'un site</translation>
    </message>
    <message>
        <source>Set the bus gate</source>
        <translation>Placer l'accès car</translation>
    </message>
    <message>
        <source>Delete site</source>
        <translation>Suppression d'un site</translation>
    </message>
    <message>
        <source>Import sites</source>
        <translation>Importer des sites</translation>
    </message>
    <message>
        <source>Imported: %1 added, %2 updated, %3 rows rejected.</source>
        <translation>Import : %1 ajoutés, %2 mis à jour, %3 lignes refusées.</translation>
    </message>
    <message>
        <source>New tour</source>
        <translation>Nouveau circuit</translation>
    </message>
    <message>
        <source>Delete this tour, its stops and its plan? (Ctrl+Z brings it back)</source>
        <translation>Supprimer ce circuit, ses arrêts et son planning ? (Ctrl+Z le rétablit)</translation>
    </message>
    <message>
        <source>Delete tour</source>
        <translation>Supprimer le circuit</translation>
    </message>
    <message>
        <source>Add stop</source>
        <translation>Ajout d'un arrêt</translation>
    </message>
    <message>
        <source>Select a site in the list or on the map first.</source>
        <translation>Choisissez d'abord un site dans la liste ou sur la carte.</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>Retirer l'arrêt</translation>
    </message>
    <message>
        <source>Reorder stops</source>
        <translation>Nouvel ordre des arrêts</translation>
    </message>
    <message>
        <source>Add order constraint</source>
        <translation>Ajout d'une contrainte d'ordre</translation>
    </message>
    <message>
        <source>Remove order constraint</source>
        <translation>Retrait d'une contrainte d'ordre</translation>
    </message>
    <message>
        <source>Add ambassador</source>
        <translation>Ajouter un ambassadeur</translation>
    </message>
    <message>
        <source>Delete ambassador</source>
        <translation>Suppression d'un ambassadeur</translation>
    </message>
    <message>
        <source>Remove video</source>
        <translation>Retrait d'une vidéo</translation>
    </message>
    <message>
        <source>Reading the videos</source>
        <translation>Lecture des vidéos</translation>
    </message>
    <message>
        <source>Add videos</source>
        <translation>Ajout de vidéos</translation>
    </message>
    <message>
        <source>Change region</source>
        <translation>Changement de région</translation>
    </message>
    <message>
        <source>Change bus</source>
        <translation>Changement d'autocar</translation>
    </message>
    <message>
        <source>Add bus</source>
        <translation>Ajouter un car</translation>
    </message>
    <message>
        <source>A tour keeps at least one bus.</source>
        <translation>Un circuit garde au moins un car.</translation>
    </message>
    <message>
        <source>Remove bus</source>
        <translation>Retirer le car</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Ajout d'un groupe</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>Retrait d'un groupe</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>An unexpected error occurred. It was written to the log file:</source>
        <translation>Une erreur inattendue s'est produite. Elle a été notée dans le journal :</translation>
    </message>
    <message>
        <source>ZI Tour planner</source>
        <translation>ZI Tour planner</translation>
    </message>
</context>
<context>
    <name>EventGridDialog</name>
    <message>
        <source>Event grid</source>
        <translation>Grille de l'événement</translation>
    </message>
    <message>
        <source>%1 · %2 buses · %3 groups · %4 people · %5 receptions</source>
        <translation>%1 · %2 cars · %3 groupes · %4 personnes · %5 accueils</translation>
    </message>
    <message>
        <source>Drag a reception along its row to move that visit.</source>
        <translation>Faites glisser un accueil le long de sa ligne pour déplacer cette visite.</translation>
    </message>
    <message>
        <source>Re-plan with these times</source>
        <translation>Recalculer avec ces horaires</translation>
    </message>
    <message>
        <source>Free the fixed times</source>
        <translation>Libérer les horaires fixés</translation>
    </message>
    <message>
        <source>%1 moved to %2.</source>
        <translation>%1 déplacé à %2.</translation>
    </message>
    <message>
        <source>Nothing breaks here; re-plan to check the rest of the day.</source>
        <translation>Rien n'est enfreint ici ; recalculez pour vérifier le reste de la journée.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Partner pack</source>
        <translation>Dossier partenaires</translation>
    </message>
    <message>
        <source>Export the tour</source>
        <translation>Exporter le circuit</translation>
    </message>
    <message>
        <source>Itinerary PDF (A4): route map, then the day</source>
        <translation>Feuille de route PDF (A4) : carte du parcours, puis la journée</translation>
    </message>
    <message>
        <source>Stop sheets PDF for the ambassadors (one page per stop)</source>
        <translation>Fiches d'arrêt PDF pour les ambassadeurs (une page par arrêt)</translation>
    </message>
    <message>
        <source>Ambassadors' booklets PDF (one per ambassador: their stops in order)</source>
        <translation>Livrets PDF des ambassadeurs (un par ambassadeur : ses arrêts dans l'ordre)</translation>
    </message>
    <message>
        <source>Groups' programmes, PDF and CSV (per group: its visits, its bus)</source>
        <translation>Programmes des groupes, PDF et CSV (par groupe : ses visites, son car)</translation>
    </message>
    <message>
        <source>Companies' reception schedules, PDF and CSV (groups, people, times)</source>
        <translation>Accueil des entreprises, PDF et CSV (groupes, effectifs, horaires)</translation>
    </message>
    <message>
        <source>Itinerary CSV for spreadsheets</source>
        <translation>Feuille de route CSV pour tableur</translation>
    </message>
    <message>
        <source>GPX 1.1 for the driver's navigation</source>
        <translation>GPX 1.1 pour le GPS du chauffeur</translation>
    </message>
    <message>
        <source>iCalendar of the visits for partners</source>
        <translation>Agenda iCalendar des visites pour les partenaires</translation>
    </message>
    <message>
        <source>GeoJSON map (GIS)</source>
        <translation>Carte GeoJSON (SIG)</translation>
    </message>
    <message>
        <source>GeoPackage: stops, legs and sites layers (GIS)</source>
        <translation>GeoPackage : couches arrêts, trajets et sites (SIG)</translation>
    </message>
    <message>
        <source>Interactive HTML map (opens without a network)</source>
        <translation>Carte HTML interactive (s'ouvre sans réseau)</translation>
    </message>
    <message>
        <source>XSPF video playlist (VLC)</source>
        <translation>Liste de lecture vidéo XSPF (VLC)</translation>
    </message>
    <message>
        <source>M3U8 video playlist</source>
        <translation>Liste de lecture vidéo M3U8</translation>
    </message>
    <message>
        <source>Partner pack: a zip of the ticked exports and a README</source>
        <translation>Dossier partenaires : un zip des exports cochés et un LISEZMOI</translation>
    </message>
    <message>
        <source>Passenger list per bus (names and contacts, for the driver; never in the pack)</source>
        <translation>Liste des passagers par car (noms et contacts, pour le conducteur ; jamais dans le dossier partenaires)</translation>
    </message>
    <message>
        <source>Tour: %1</source>
        <translation>Circuit : %1</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formats de fichier</translation>
    </message>
    <message>
        <source>With no other format ticked, the pack holds every export.</source>
        <translation>Si aucun autre format n'est coché, le dossier contient tous les exports.</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <source>Tick none</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Semicolon ; (French spreadsheets)</source>
        <translation>Point-virgule ; (tableurs français)</translation>
    </message>
    <message>
        <source>Comma , (other spreadsheets)</source>
        <translation>Virgule , (autres tableurs)</translation>
    </message>
    <message>
        <source>CSV separator</source>
        <translation>Séparateur CSV</translation>
    </message>
    <message>
        <source>Offer online OpenStreetMap tiles as an extra layer</source>
        <translation>Proposer les tuiles OpenStreetMap en ligne comme couche supplémentaire</translation>
    </message>
    <message>
        <source>The map works without a network; the tiles layer is off until ticked in the map and needs a connection.</source>
        <translation>La carte fonctionne sans réseau ; la couche de tuiles reste éteinte tant qu'elle n'est pas cochée dans la carte et demande une connexion.</translation>
    </message>
    <message>
        <source>HTML map</source>
        <translation>Carte HTML</translation>
    </message>
    <message>
        <source>Put the videos in the partner pack</source>
        <translation>Mettre les vidéos dans le dossier partenaires</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>The clips weigh %1 MB; without them the pack is light enough for e-mail, and its README lists the files to add.</source>
        <translation>Les vidéos pèsent %1 Mo ; sans elles le dossier s'envoie par courriel, et son README liste les fichiers à ajouter.</translation>
    </message>
    <message>
        <source>Put the videos in the partner pack (%1 MB)</source>
        <translation>Mettre les vidéos dans le dossier partenaires (%1 Mo)</translation>
    </message>
    <message>
        <source>Export to a folder</source>
        <translation>Exporter dans un dossier</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Rien n'a été écrit.</translation>
    </message>
    <message>
        <source>Exporting the tour</source>
        <translation>Export du circuit</translation>
    </message>
    <message>
        <source>Writing the files…</source>
        <translation>Écriture des fichiers…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <source>These files already exist in %1:</source>
        <translation>Ces fichiers existent déjà dans %1 :</translation>
    </message>
    <message>
        <source>Replace them?</source>
        <translation>Les remplacer ?</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>Remplacer ?</translation>
    </message>
    <message>
        <source>Files written in %1:</source>
        <translation>Fichiers écrits dans %1 :</translation>
    </message>
    <message>
        <source>Not on the programme, as every document says: %1</source>
        <translation>Non programmés, comme le disent tous les documents : %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The export failed: nothing was written.</source>
        <translation>L'export a échoué : rien n'a été écrit.</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>Export annulé : rien n'a été écrit.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>ExportingController</name>
    <message>
        <source>This plan was computed by an earlier version of the application: it may no longer match the tour. Optimise again to be sure.</source>
        <translation>Ce plan a été calculé par une version précédente de l'application : il ne correspond peut-être plus au circuit. Relancez l'optimisation pour en être sûr.</translation>
    </message>
    <message>
        <source>The plan is no longer up to date: the tour has changed since it was computed. Optimise again to bring it up to date.</source>
        <translation>Le plan n'est plus à jour : le circuit a changé depuis son calcul. Relancez l'optimisation pour le mettre à jour.</translation>
    </message>
    <message>
        <source>Print it anyway?</source>
        <translation>Imprimer quand même ?</translation>
    </message>
    <message>
        <source>Export it anyway?</source>
        <translation>Exporter quand même ?</translation>
    </message>
    <message>
        <source>Optimise the tour first</source>
        <translation>Optimisez d'abord le circuit</translation>
    </message>
    <message>
        <source>Nothing was exported: optimise the tour first.</source>
        <translation>Rien n'a été exporté : optimisez d'abord le circuit.</translation>
    </message>
    <message>
        <source>Nothing was printed: optimise the tour first.</source>
        <translation>Rien n'a été imprimé : optimisez d'abord le circuit.</translation>
    </message>
</context>
<context>
    <name>FilesController</name>
    <message>
        <source>Opened read-only: your changes cannot be saved.</source>
        <translation>Ouvert en lecture seule : vos modifications ne peuvent pas être enregistrées.</translation>
    </message>
    <message>
        <source> (cleaned)</source>
        <translation> (nettoyé)</translation>
    </message>
    <message>
        <source>Open a cleaned copy? It is written as %1, with only what a ZI Tour project holds and the rows that can be read; %2 is left untouched.</source>
        <translation>Ouvrir une copie nettoyée ? Elle est écrite sous le nom %1, avec seulement ce qu'un projet ZI Tour contient et les lignes lisibles ; %2 n'est pas modifié.</translation>
    </message>
    <message>
        <source>Cleaned copy written: %1 (%2 rows left out).</source>
        <translation>Copie nettoyée écrite : %1 (%2 lignes écartées).</translation>
    </message>
    <message>
        <source>Copy saved: %1</source>
        <translation>Copie enregistrée : %1</translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation> (copie)</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Enregistrer une copie</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>ZI Tour projects (*.zitour);;All files (*)</source>
        <translation>Projets ZI Tour (*.zitour);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <source>ZI Tour projects (*.zitour)</source>
        <translation>Projets ZI Tour (*.zitour)</translation>
    </message>
    <message>
        <source>Building the demo project</source>
        <translation>Création du projet de démonstration</translation>
    </message>
    <message>
        <source>Loading the region %1</source>
        <translation>Chargement de la région %1</translation>
    </message>
</context>
<context>
    <name>ImportSitesDialog</name>
    <message>
        <source>Import sites</source>
        <translation>Importer des sites</translation>
    </message>
    <message>
        <source>From a CSV or GeoJSON file…</source>
        <translation>Depuis un fichier CSV ou GeoJSON…</translation>
    </message>
    <message>
        <source>From the region's industrial areas</source>
        <translation>Depuis les zones industrielles de la région</translation>
    </message>
    <message>
        <source>Named industrial and commercial places of the region's map</source>
        <translation>Lieux industriels et commerciaux nommés de la carte de la région</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Search the region's companies…</source>
        <translation>Chercher parmi les entreprises de la région…</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Exploitant</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>In the project</source>
        <translation>Dans le projet</translation>
    </message>
    <message>
        <source>Sites to add</source>
        <translation>Sites à ajouter</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Lignes refusées</translation>
    </message>
    <message>
        <source>Add these sites</source>
        <translation>Ajouter ces sites</translation>
    </message>
    <message>
        <source>Sites (*.csv *.geojson *.json);;All files (*)</source>
        <translation>Sites (*.csv *.geojson *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Region: %1 — tick the companies to import</source>
        <translation>Région : %1 — cochez les entreprises à importer</translation>
    </message>
    <message>
        <source>works</source>
        <translation>usine</translation>
    </message>
    <message>
        <source>industrial area</source>
        <translation>zone industrielle</translation>
    </message>
    <message>
        <source>industrial building</source>
        <translation>bâtiment industriel</translation>
    </message>
    <message>
        <source>already: ticked, it fills empty fields</source>
        <translation>déjà : cochée, elle complète les champs vides</translation>
    </message>
    <message>
        <source>Region: %1 — %2 ticked</source>
        <translation>Région : %1 — %2 cochées</translation>
    </message>
    <message>
        <source>Sites to add (%1)</source>
        <translation>Sites à ajouter (%1)</translation>
    </message>
    <message>
        <source>Rejected rows (%1)</source>
        <translation>Lignes refusées (%1)</translation>
    </message>
</context>
<context>
    <name>ItineraryTable</name>
    <message>
        <source>Bus</source>
        <translation>Car</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Arrive</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Depart</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Trajet</translation>
    </message>
    <message>
        <source>Ambassador</source>
        <translation>Ambassadeur</translation>
    </message>
    <message>
        <source>The day as planned; click a row to show the stop on the map</source>
        <translation>La journée planifiée ; cliquez sur une ligne pour voir l'arrêt sur la carte</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Circuit</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Itinerary</source>
        <translation>Feuille de route</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Ambassadors</source>
        <translation>Ambassadeurs</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>Vidéos</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Nouveau projet…</translation>
    </message>
    <message>
        <source>Create a new project file</source>
        <translation>Créer un nouveau fichier projet</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>Ouvrir un fichier projet</translation>
    </message>
    <message>
        <source>Open the &amp;demo project</source>
        <translation>Ouvrir le projet de &amp;démonstration</translation>
    </message>
    <message>
        <source>Build (once) and open the demo project on Krems</source>
        <translation>Créer (une fois) et ouvrir le projet de démonstration sur Krems</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>&amp;Fermer le projet</translation>
    </message>
    <message>
        <source>Close the project (every edit is already saved)</source>
        <translation>Fermer le projet (chaque modification est déjà enregistrée)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Quit ZI Tour planner</source>
        <translation>Quitter ZI Tour planner</translation>
    </message>
    <message>
        <source>Open a project and optimise a tour first</source>
        <translation>Ouvrez d'abord un projet et optimisez un circuit</translation>
    </message>
    <message>
        <source>Place sites</source>
        <translation>Placer des sites</translation>
    </message>
    <message>
        <source>Make it a stop</source>
        <translation>En faire un arrêt</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Cadrer</translation>
    </message>
    <message>
        <source>Tour day</source>
        <translation>Jour J</translation>
    </message>
    <message>
        <source>Optimise the tour first</source>
        <translation>Optimisez d'abord le circuit</translation>
    </message>
    <message>
        <source>Save a &amp;copy…</source>
        <translation>Enregistrer une &amp;copie…</translation>
    </message>
    <message>
        <source>Write the whole project into another file, to hand to a partner</source>
        <translation>Écrire tout le projet dans un autre fichier, à remettre à un partenaire</translation>
    </message>
    <message>
        <source>&amp;Find a site</source>
        <translation>&amp;Chercher un site</translation>
    </message>
    <message>
        <source>Search the sites list</source>
        <translation>Chercher dans la liste des sites</translation>
    </message>
    <message>
        <source>&amp;Add a site</source>
        <translation>&amp;Ajouter un site</translation>
    </message>
    <message>
        <source>Add a site at the centre of the map (or right-click on the map)</source>
        <translation>Ajouter un site au centre de la carte (ou clic droit sur la carte)</translation>
    </message>
    <message>
        <source>&amp;Place sites on the map</source>
        <translation>&amp;Placer des sites sur la carte</translation>
    </message>
    <message>
        <source>Each click on the map adds a site there; Esc when done (Ctrl+Shift+P)</source>
        <translation>Chaque clic sur la carte y ajoute un site ; Échap pour terminer (Ctrl+Maj+P)</translation>
    </message>
    <message>
        <source>&amp;Delete the site</source>
        <translation>&amp;Supprimer le site</translation>
    </message>
    <message>
        <source>Delete the selected site and its stops</source>
        <translation>Supprimer le site choisi et ses arrêts</translation>
    </message>
    <message>
        <source>&amp;Import sites…</source>
        <translation>&amp;Importer des sites…</translation>
    </message>
    <message>
        <source>Import sites from a CSV or GeoJSON file or from the region's map</source>
        <translation>Importer des sites depuis un fichier CSV ou GeoJSON ou depuis la carte de la région</translation>
    </message>
    <message>
        <source>New &amp;tour</source>
        <translation>Nouveau &amp;circuit</translation>
    </message>
    <message>
        <source>Create a tour with one bus</source>
        <translation>Créer un circuit avec un car</translation>
    </message>
    <message>
        <source>Add the site as a &amp;stop</source>
        <translation>Ajouter le site comme &amp;arrêt</translation>
    </message>
    <message>
        <source>Add the selected site to the tour's stops</source>
        <translation>Ajouter le site choisi aux arrêts du circuit</translation>
    </message>
    <message>
        <source>&amp;Optimise</source>
        <translation>&amp;Optimiser</translation>
    </message>
    <message>
        <source>Find the best order and times for the tour's stops (F5)</source>
        <translation>Trouver le meilleur ordre et les horaires des arrêts du circuit (F5)</translation>
    </message>
    <message>
        <source>&amp;Keep the order, compute the times</source>
        <translation>&amp;Garder l'ordre, calculer les horaires</translation>
    </message>
    <message>
        <source>Compute the times of the stops in the order of the table (Shift+F5)</source>
        <translation>Calculer les horaires des arrêts dans l'ordre du tableau (Maj+F5)</translation>
    </message>
    <message>
        <source>Re-plan from &amp;now</source>
        <translation>Recalculer à partir de &amp;maintenant</translation>
    </message>
    <message>
        <source>Keep the stops already done, plan the rest from the present time</source>
        <translation>Garder les arrêts déjà faits, planifier la suite à partir de l'heure actuelle</translation>
    </message>
    <message>
        <source>Tour &amp;day (aboard the bus)</source>
        <translation>&amp;Jour J (à bord du car)</translation>
    </message>
    <message>
        <source>Run the planned tour on the bus: where we are, what comes next, the videos, the actual times (Ctrl+J)</source>
        <translation>Dérouler le circuit planifié dans le car : où on est, ce qui vient, les vidéos, les heures réelles (Ctrl+J)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel the running work</source>
        <translation>A&amp;nnuler le travail en cours</translation>
    </message>
    <message>
        <source>Stop the optimisation, import or export in progress</source>
        <translation>Arrêter l'optimisation, l'import ou l'export en cours</translation>
    </message>
    <message>
        <source>&amp;Fit the map to the tour</source>
        <translation>&amp;Cadrer la carte sur le circuit</translation>
    </message>
    <message>
        <source>Zoom the map to the tour's route</source>
        <translation>Zoomer la carte sur le trajet du circuit</translation>
    </message>
    <message>
        <source>Road &amp;regions…</source>
        <translation>&amp;Régions routières…</translation>
    </message>
    <message>
        <source>Choose the project's road region or import an OSM extract</source>
        <translation>Choisir la région routière du projet ou importer un extrait OSM</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Write the tour's documents (PDF, GPX, calendar…) to a folder</source>
        <translation>Écrire les documents du circuit (PDF, GPX, agenda…) dans un dossier</translation>
    </message>
    <message>
        <source>Print preview of the itinerary…</source>
        <translation>Aperçu avant impression de la feuille de route…</translation>
    </message>
    <message>
        <source>See the itinerary's pages before printing</source>
        <translation>Voir les pages de la feuille de route avant de l'imprimer</translation>
    </message>
    <message>
        <source>Print the itinerary…</source>
        <translation>Imprimer la feuille de route…</translation>
    </message>
    <message>
        <source>Print the route map and the day, bus by bus</source>
        <translation>Imprimer la carte du parcours et la journée, car par car</translation>
    </message>
    <message>
        <source>Print preview of the stop sheets…</source>
        <translation>Aperçu avant impression des fiches d'arrêt…</translation>
    </message>
    <message>
        <source>See the ambassadors' stop sheets before printing</source>
        <translation>Voir les fiches d'arrêt des ambassadeurs avant de les imprimer</translation>
    </message>
    <message>
        <source>Print the stop sheets…</source>
        <translation>Imprimer les fiches d'arrêt…</translation>
    </message>
    <message>
        <source>Print one sheet per stop for the ambassadors</source>
        <translation>Imprimer une fiche par arrêt pour les ambassadeurs</translation>
    </message>
    <message>
        <source>Ambassadors' &amp;booklets…</source>
        <translation>&amp;Livrets des ambassadeurs…</translation>
    </message>
    <message>
        <source>One PDF per ambassador: the stops they present, in order, with their times and the companies' facts</source>
        <translation>Un PDF par ambassadeur : les arrêts qu'il présente, dans l'ordre, avec leurs heures et les informations des entreprises</translation>
    </message>
    <message>
        <source>&amp;Event grid…</source>
        <translation>&amp;Grille de l'événement…</translation>
    </message>
    <message>
        <source>Companies × time: each bus's receptions; drag one to move that visit</source>
        <translation>Entreprises × horaires : les accueils de chaque car ; faites-en glisser un pour déplacer la visite</translation>
    </message>
    <message>
        <source>&amp;Participants and follow-ups…</source>
        <translation>&amp;Participants et suites…</translation>
    </message>
    <message>
        <source>Who registered and came, who presented, the feedback and what came of the tour (recruitments, training, internships)</source>
        <translation>Qui s'est inscrit et qui est venu, qui a présenté, les retours et les suites du circuit (recrutements, formations, stages)</translation>
    </message>
    <message>
        <source>Choose a tour first</source>
        <translation>Choisissez d'abord un circuit</translation>
    </message>
    <message>
        <source>Season &amp;report…</source>
        <translation>&amp;Bilan de la saison…</translation>
    </message>
    <message>
        <source>The season's figures across tours and project files: PDF with charts and CSV tables for the funders</source>
        <translation>Les chiffres de la saison sur plusieurs circuits et projets : PDF avec graphiques et tableaux CSV pour les financeurs</translation>
    </message>
    <message>
        <source>Partner pack…</source>
        <translation>Dossier partenaires…</translation>
    </message>
    <message>
        <source>A zip of the exports with a README, to send to the partners</source>
        <translation>Un zip des exports avec un LISEZMOI, à envoyer aux partenaires</translation>
    </message>
    <message>
        <source>&amp;About ZI Tour planner</source>
        <translation>À &amp;propos de ZI Tour planner</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Annuler %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Rétablir %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Undo the last edit (Ctrl+Z)</source>
        <translation>Annuler la dernière modification (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo the edit undone last (Ctrl+Shift+Z)</source>
        <translation>Rétablir la dernière modification annulée (Ctrl+Maj+Z)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Projets &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Tour</source>
        <translation>&amp;Circuit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Réglages</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d'outils principale</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(lecture seule)</translation>
    </message>
    <message>
        <source>This value cannot be read: %1
Times are written like 9 h 30 and windows like 9 h 00–11 h 30.</source>
        <translation>Cette valeur est illisible : %1
Les heures s'écrivent 9 h 30 et les créneaux 9 h 00–11 h 30.</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>© OpenStreetMap contributors</source>
        <translation>© les contributeurs d’OpenStreetMap</translation>
    </message>
    <message>
        <source>Add a site here</source>
        <translation>Ajouter un site ici</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Training centre</source>
        <translation>Centre de formation</translation>
    </message>
    <message>
        <source>Inclusion enterprise</source>
        <translation>Entreprise d'insertion</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>Dépôt</translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>Restaurant</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>This project has no road map yet: choose one of the regions, or import an OpenStreetMap extract of your industrial zone, to place the sites and plan.</source>
        <translation>Ce projet n'a pas encore de carte routière : choisissez une des régions, ou importez un extrait OpenStreetMap de votre zone industrielle, pour placer les sites et planifier.</translation>
    </message>
    <message>
        <source>Choose or import a region…</source>
        <translation>Choisir ou importer une région…</translation>
    </message>
    <message>
        <source>1 site</source>
        <translation>1 site</translation>
    </message>
    <message>
        <source>%1 sites</source>
        <translation>%1 sites</translation>
    </message>
    <message>
        <source>1 tour</source>
        <translation>1 circuit</translation>
    </message>
    <message>
        <source>%1 tours</source>
        <translation>%1 circuits</translation>
    </message>
</context>
<context>
    <name>NmeaDeviceSource</name>
    <message>
        <source>The GPS on %1 cannot be opened: %2.</source>
        <translation>Le GPS sur %1 ne peut pas être ouvert : %2.</translation>
    </message>
</context>
<context>
    <name>ParticipantsDialog</name>
    <message>
        <source>Registered</source>
        <translation>Inscrits</translation>
    </message>
    <message>
        <source>After the tour</source>
        <translation>Après le circuit</translation>
    </message>
    <message>
        <source>e.g. Meyzieu, Vallée du Gier (groups the tours in the season's report)</source>
        <translation>par ex. Meyzieu, Vallée du Gier (regroupe les circuits dans le bilan)</translation>
    </message>
    <message>
        <source>Erase the names after</source>
        <translation>Effacer les noms après le</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>Territoire</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Données personnelles</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Pickup point</source>
        <translation>Prise en charge</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Présent</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>Ajouter une personne</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Import a list (CSV)…</source>
        <translation>Importer une liste (CSV)…</translation>
    </message>
    <message>
        <source>Erase the names…</source>
        <translation>Effacer les noms…</translation>
    </message>
    <message>
        <source>Delete the names and contacts of this tour for good, keeping the counts</source>
        <translation>Supprimer définitivement les noms et contacts de ce circuit, en gardant les effectifs</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>Nouvelle personne</translation>
    </message>
    <message>
        <source>from the list or the tour day</source>
        <translation>selon la liste ou le jour J</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Suite</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Add an answer</source>
        <translation>Ajouter une réponse</translation>
    </message>
    <message>
        <source>My view of industry changed</source>
        <translation>Mon regard sur l'industrie a changé</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>Add a follow-up</source>
        <translation>Ajouter une suite</translation>
    </message>
    <message>
        <source>Import follow-ups (CSV)…</source>
        <translation>Importer des suites (CSV)…</translation>
    </message>
    <message>
        <source>Present (counted without a list)</source>
        <translation>Présents (comptés sans liste)</translation>
    </message>
    <message>
        <source>Ambassadors who presented</source>
        <translation>Ambassadeurs qui ont présenté</translation>
    </message>
    <message>
        <source>Participants' feedback (number of answers)</source>
        <translation>Retours des participants (nombre de réponses)</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Suites</translation>
    </message>
    <message>
        <source>Participants and follow-ups — %1</source>
        <translation>Participants et suites — %1</translation>
    </message>
    <message>
        <source>(the tour's)</source>
        <translation>(celui du circuit)</translation>
    </message>
    <message>
        <source>%1 registered, %2 ticked present</source>
        <translation>%1 inscrits, %2 cochés présents</translation>
    </message>
    <message>
        <source>No named list: %1 counted</source>
        <translation>Pas de liste nominative : %1 comptés</translation>
    </message>
    <message>
        <source>names erased on %1</source>
        <translation>noms effacés le %1</translation>
    </message>
    <message>
        <source>Import a participant list</source>
        <translation>Importer une liste de participants</translation>
    </message>
    <message>
        <source>Spreadsheets saved as CSV (*.csv *.txt)</source>
        <translation>Tableaux enregistrés en CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Import follow-ups</source>
        <translation>Importer des suites</translation>
    </message>
</context>
<context>
    <name>PassengerWindow</name>
    <message>
        <source>ZI Tour — passengers</source>
        <translation>ZI Tour — passagers</translation>
    </message>
    <message>
        <source>On the road</source>
        <translation>En route</translation>
    </message>
    <message>
        <source>What they make</source>
        <translation>Ce qu'ils fabriquent</translation>
    </message>
    <message>
        <source>Jobs to fill</source>
        <translation>Postes à pourvoir</translation>
    </message>
    <message>
        <source>Salaries</source>
        <translation>Salaires</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formation</translation>
    </message>
    <message>
        <source>Next stop</source>
        <translation>Prochain arrêt</translation>
    </message>
    <message>
        <source>On your right and left</source>
        <translation>Sur votre passage</translation>
    </message>
    <message>
        <source>In pictures</source>
        <translation>En images</translation>
    </message>
</context>
<context>
    <name>PeopleController</name>
    <message>
        <source>Edit participants and follow-ups</source>
        <translation>Modifier les participants et les suites</translation>
    </message>
    <message>
        <source>Erase for good the names and contacts of the participants of “%1”? Only the counts remain; this cannot be undone.</source>
        <translation>Effacer définitivement les noms et contacts des participants de « %1 » ? Seuls les effectifs restent ; cela ne peut pas être annulé.</translation>
    </message>
</context>
<context>
    <name>PlanStatusBanner</name>
    <message>
        <source>Optimise again</source>
        <translation>Relancer l'optimisation</translation>
    </message>
    <message>
        <source>Compute the plan again from the tour as it is now</source>
        <translation>Recalculer le plan à partir du circuit tel qu'il est maintenant</translation>
    </message>
    <message>
        <source>The plan no longer matches the tour: optimise again.</source>
        <translation>Le plan ne correspond plus au circuit : relancez l'optimisation.</translation>
    </message>
    <message>
        <source>This plan was computed by an earlier version of the application: it may no longer match the tour. Optimise again to be sure.</source>
        <translation>Ce plan a été calculé par une version précédente de l'application : il ne correspond peut-être plus au circuit. Relancez l'optimisation pour en être sûr.</translation>
    </message>
</context>
<context>
    <name>PlanningController</name>
    <message>
        <source>The tour is already being computed.</source>
        <translation>Le circuit est déjà en cours de calcul.</translation>
    </message>
    <message>
        <source>Computing the times</source>
        <translation>Calcul des horaires</translation>
    </message>
    <message>
        <source>Optimising the tour</source>
        <translation>Optimisation du circuit</translation>
    </message>
    <message>
        <source>Plan ready: %1 stops, %2 warnings.</source>
        <translation>Planning prêt : %1 arrêts, %2 avertissements.</translation>
    </message>
</context>
<context>
    <name>PlanningMode</name>
    <message>
        <source>Click where the bus enters the site (Esc: cancel).</source>
        <translation>Cliquez là où le car entre sur le site (Échap : annuler).</translation>
    </message>
    <message>
        <source>Click on the map to place a site; the dashed line shows where the coach stops (Esc: done).</source>
        <translation>Cliquez sur la carte pour placer un site ; le tireté montre où le car s'arrête (Échap : terminé).</translation>
    </message>
</context>
<context>
    <name>PreferencesController</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Itinerary — %1</source>
        <translation>Feuille de route — %1</translation>
    </message>
    <message>
        <source>Stop sheets — %1</source>
        <translation>Fiches arrêt — %1</translation>
    </message>
    <message>
        <source>Print preview: %1</source>
        <translation>Aperçu avant impression : %1</translation>
    </message>
    <message>
        <source>Print: %1</source>
        <translation>Imprimer : %1</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Jeu de pages :</translation>
    </message>
</context>
<context>
    <name>RegionsDialog</name>
    <message>
        <source>Use for this project</source>
        <translation>Utiliser pour ce projet</translation>
    </message>
    <message>
        <source>Plan this project's tours on the selected region</source>
        <translation>Calculer les circuits de ce projet sur la région choisie</translation>
    </message>
    <message>
        <source>Import an OSM extract…</source>
        <translation>Importer un extrait OSM…</translation>
    </message>
    <message>
        <source>Read a .osm, .osm.gz or .osm.pbf file and compile it (can be cancelled)</source>
        <translation>Lire un fichier .osm, .osm.gz ou .osm.pbf et le compiler (annulable)</translation>
    </message>
    <message>
        <source>Road regions</source>
        <translation>Régions routières</translation>
    </message>
    <message>
        <source>Download from OpenStreetMap (uses the network)…</source>
        <translation>Télécharger depuis OpenStreetMap (utilise le réseau)…</translation>
    </message>
    <message>
        <source>The only action of the application that uses the network: a place name or a box is fetched from OpenStreetMap's servers</source>
        <translation>La seule action de l'application qui utilise le réseau : un lieu ou un rectangle est demandé aux serveurs d'OpenStreetMap</translation>
    </message>
    <message>
        <source>&lt;b&gt;Without a network:&lt;/b&gt; download your region's extract from &lt;a href='https://download.geofabrik.de/europe/france.html'&gt;download.geofabrik.de&lt;/a&gt; (e.g. &lt;i&gt;rhone-alpes-latest.osm.pbf&lt;/i&gt;) on any computer, cut the zone you need with &lt;tt&gt;osmium extract -b 4.95,45.70,5.10,45.80 rhone-alpes-latest.osm.pbf -o meyzieu.osm.pbf&lt;/tt&gt;, then “Import an OSM extract…” here.</source>
        <translation>&lt;b&gt;Sans réseau :&lt;/b&gt; téléchargez l'extrait de votre région sur &lt;a href='https://download.geofabrik.de/europe/france.html'&gt;download.geofabrik.de&lt;/a&gt; (par ex. &lt;i&gt;rhone-alpes-latest.osm.pbf&lt;/i&gt;) depuis n'importe quel ordinateur, découpez la zone utile avec &lt;tt&gt;osmium extract -b 4.95,45.70,5.10,45.80 rhone-alpes-latest.osm.pbf -o meyzieu.osm.pbf&lt;/tt&gt;, puis « Importer un extrait OSM… » ici.</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>fournie</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importée</translation>
    </message>
    <message>
        <source>damaged: import it again</source>
        <translation>endommagée : importez-la à nouveau</translation>
    </message>
    <message>
        <source>compiled on first use</source>
        <translation>compilée à la première utilisation</translation>
    </message>
    <message>
        <source>Import an OSM extract</source>
        <translation>Importer un extrait OSM</translation>
    </message>
    <message>
        <source>OpenStreetMap extracts (*.osm *.osm.gz *.osm.bz2 *.osm.pbf *.pbf)</source>
        <translation>Extraits OpenStreetMap (*.osm *.osm.gz *.osm.bz2 *.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>This project plans on the region %1: importing %2 replaces it, and the plans will be computed on the new roads. Replace it?</source>
        <translation>Ce projet est planifié sur la région %1 : importer %2 la remplace, et les plans seront calculés sur les nouvelles routes. La remplacer ?</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Import de %1</translation>
    </message>
    <message>
        <source>Download a region</source>
        <translation>Télécharger une région</translation>
    </message>
    <message>
        <source>A place ("Meyzieu, France") or a box west,south,east,north in degrees.
This uses the network: OpenStreetMap's servers receive the request.</source>
        <translation>Un lieu (« Meyzieu, France ») ou un rectangle ouest,sud,est,nord en degrés.
Cela utilise le réseau : la demande part vers les serveurs d'OpenStreetMap.</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>Téléchargement de %1</translation>
    </message>
</context>
<context>
    <name>SiteEditor</name>
    <message>
        <source>not set</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <source>any time, e.g. 9 h 00–10 h 00; 14 h 00–15 h 30</source>
        <translation>à toute heure, ex. 9 h 00–10 h 00 ; 14 h 00–15 h 30</translation>
    </message>
    <message>
        <source>When the company hosts visits: a visit starts inside a slot, and each slot hosts one bus. Empty: any time.</source>
        <translation>Quand l’entreprise reçoit des visites : une visite commence dans un créneau, et chaque créneau reçoit un seul car. Vide : à toute heure.</translation>
    </message>
    <message>
        <source>Where the bus enters the site (its gate or coach park); the planner drives there instead of the site's centre</source>
        <translation>Là où le car entre sur le site (portail ou parking autocars) ; le calcul y conduit le car plutôt qu'au centre du site</translation>
    </message>
    <message>
        <source>Set on the map</source>
        <translation>Placer sur la carte</translation>
    </message>
    <message>
        <source>Then click the gate on the map (Esc: cancel)</source>
        <translation>Puis cliquez sur le portail, sur la carte (Échap : annuler)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>possible here</source>
        <translation>possible ici</translation>
    </message>
    <message>
        <source>The bus can turn round here (car park, yard). Ticked: the bus may arrive and leave in either direction. Not ticked: it stops with the site on its door side and drives on, looping round a block rather than turning in the street</source>
        <translation>Le car peut faire demi-tour ici (parking, cour). Coché : il peut arriver et repartir dans les deux sens. Non coché : il s'arrête avec le site du côté de ses portes et poursuit sa route, en faisant le tour d'un pâté de maisons plutôt que demi-tour dans la rue</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Bus gate</source>
        <translation>Accès car</translation>
    </message>
    <message>
        <source>U-turn</source>
        <translation>Demi-tour</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Métiers</translation>
    </message>
    <message>
        <source>Salaries</source>
        <translation>Salaires</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formation</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Group capacity</source>
        <translation>Accueil max. (pers.)</translation>
    </message>
    <message>
        <source>Visit slots</source>
        <translation>Créneaux de visite</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>Commentaires du guide</translation>
    </message>
    <message>
        <source>Largest group the site can host at once</source>
        <translation>Plus grand groupe que le site peut accueillir à la fois</translation>
    </message>
    <message>
        <source>What the guide says on the bus about this site</source>
        <translation>Ce que le guide dit de ce site dans le car</translation>
    </message>
    <message>
        <source>none: the bus drives to the site's position</source>
        <translation>aucun : le car va à la position du site</translation>
    </message>
</context>
<context>
    <name>SitesPanel</name>
    <message>
        <source>Search sites…</source>
        <translation>Chercher un site…</translation>
    </message>
    <message>
        <source>Filter the list by name, kind, sector or address</source>
        <translation>Filtrer la liste par nom, type, secteur ou adresse</translation>
    </message>
    <message>
        <source>Sites of the project; double-click to add it as a stop of the tour</source>
        <translation>Sites du projet ; double-cliquez pour en faire un arrêt du circuit</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add a site at the centre of the map (or right-click on the map)</source>
        <translation>Ajouter un site au centre de la carte (ou clic droit sur la carte)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete the selected site and its stops</source>
        <translation>Supprimer le site choisi et ses arrêts</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <source>Import sites from a CSV or GeoJSON file or from the region's map</source>
        <translation>Importer des sites depuis un fichier CSV ou GeoJSON ou depuis la carte de la région</translation>
    </message>
</context>
<context>
    <name>StopsModel</name>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Min.</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Time windows</source>
        <translation>Créneaux</translation>
    </message>
    <message>
        <source>Arr. only</source>
        <translation>Arr. seule</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Blocage</translation>
    </message>
    <message>
        <source>A drive-by has no visit: its time window is when the bus passes</source>
        <translation>Un passage commenté n'a pas de visite : sa fenêtre horaire est le moment où le car passe</translation>
    </message>
    <message>
        <source>Only the arrival must fall in the time window: the visit may go on after it ends</source>
        <translation>Seule l'arrivée doit tomber dans la fenêtre horaire : la visite peut se prolonger après sa fin</translation>
    </message>
    <message>
        <source>The whole visit fits in the time window (the default, as a company's opening hours mean); tick to ask only for the arrival in the window</source>
        <translation>Toute la visite tient dans la fenêtre horaire (par défaut : ce que veulent dire les heures d'ouverture d'une entreprise) ; cochez pour ne demander que l'arrivée dans la fenêtre</translation>
    </message>
    <message>
        <source>Arrival only in the window: unticked (the default), the whole visit, arrival to departure, fits in the time window; ticked, only the arrival must fall in it</source>
        <translation>Arrivée dans la fenêtre seulement : décoché (par défaut), toute la visite, de l'arrivée au départ, tient dans la fenêtre horaire ; coché, seule l'arrivée doit y tomber</translation>
    </message>
    <message>
        <source>Req.</source>
        <translation>Oblig.</translation>
    </message>
    <message>
        <source>Prio.</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Bus</source>
        <translation>Car</translation>
    </message>
    <message>
        <source>When the company receives the group, e.g. 9 h 00–11 h 30; 14 h 00–16 h 00: the whole visit fits in it (see Arr. only)</source>
        <translation>Quand l'entreprise reçoit le groupe, par ex. 9 h 00–11 h 30 ; 14 h 00–16 h 00 : toute la visite y tient (voir Arr. seule)</translation>
    </message>
    <message>
        <source>The bus that must serve this stop (Any: the planner chooses)</source>
        <translation>Le car qui doit desservir cet arrêt (Indifférent : le calcul choisit)</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Indifférent</translation>
    </message>
    <message>
        <source>Minutes spent at the stop</source>
        <translation>Minutes passées à l'arrêt</translation>
    </message>
    <message>
        <source>Priority of an optional stop, 1 to 10</source>
        <translation>Priorité d'un arrêt facultatif, de 1 à 10</translation>
    </message>
    <message>
        <source>Required stops are always served; optional ones by priority</source>
        <translation>Les arrêts obligatoires sont toujours desservis ; les facultatifs selon leur priorité</translation>
    </message>
    <message>
        <source>Keep this stop first, last or at its position when optimising</source>
        <translation>Garder cet arrêt en premier, en dernier ou à sa place lors de l'optimisation</translation>
    </message>
</context>
<context>
    <name>StopsPanel</name>
    <message>
        <source>Stops that must be served before others (right-click a stop in the table: Must come before…)</source>
        <translation>Arrêts à desservir avant d'autres (clic droit sur un arrêt du tableau : Doit précéder…)</translation>
    </message>
    <message>
        <source>Remove the constraint</source>
        <translation>Retirer la contrainte</translation>
    </message>
    <message>
        <source>Remove the order constraint chosen in the list</source>
        <translation>Retirer la contrainte d'ordre choisie dans la liste</translation>
    </message>
    <message>
        <source>Drag a row to change the order; double-click a cell to edit it; right-click for the order constraints</source>
        <translation>Glissez une ligne pour changer l'ordre ; double-cliquez sur une case pour la modifier ; clic droit pour les contraintes d'ordre</translation>
    </message>
    <message>
        <source>Add selected site</source>
        <translation>Ajouter le site choisi</translation>
    </message>
    <message>
        <source>Add the site selected in the list or on the map as a stop (Ctrl+T)</source>
        <translation>Ajouter comme arrêt le site choisi dans la liste ou sur la carte (Ctrl+T)</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>Retirer l'arrêt</translation>
    </message>
    <message>
        <source>Remove the selected stop from the tour</source>
        <translation>Retirer l'arrêt choisi du circuit</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move the selected stop up</source>
        <translation>Monter l'arrêt choisi</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Move the selected stop down</source>
        <translation>Descendre l'arrêt choisi</translation>
    </message>
    <message>
        <source>%1 before %2</source>
        <translation>%1 avant %2</translation>
    </message>
    <message>
        <source>Order constraints</source>
        <translation>Contraintes d'ordre</translation>
    </message>
    <message>
        <source>Must come before…</source>
        <translation>Doit précéder…</translation>
    </message>
    <message>
        <source>This stop must be served before the stop you choose (on any bus)</source>
        <translation>Cet arrêt doit être desservi avant l'arrêt choisi (quel que soit le car)</translation>
    </message>
</context>
<context>
    <name>SystemSource</name>
    <message>
        <source>This computer has no positioning service; plug in a GPS or replay a track.</source>
        <translation>Cet ordinateur n'a pas de service de localisation : branchez un GPS ou rejouez une trace.</translation>
    </message>
</context>
<context>
    <name>TaskIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the running work (Esc)</source>
        <translation>Arrêter le travail en cours (Échap)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>The day of each bus: drives (grey), visits (blue), drive-bys, lunch, breaks and videos</source>
        <translation>La journée de chaque car : trajets (gris), visites (bleu), passages commentés, déjeuner, pauses et vidéos</translation>
    </message>
    <message>
        <source>Plan not up to date: optimise again</source>
        <translation>Plan pas à jour : relancez l'optimisation</translation>
    </message>
    <message>
        <source>No plan yet: press Optimise to compute the day.</source>
        <translation>Pas encore de planning : cliquez sur Optimiser pour calculer la journée.</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Trajet</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>Driver break</source>
        <translation>Pause conducteur</translation>
    </message>
    <message>
        <source>Rest the driving rules require (Buses tab), taken where the bus stands</source>
        <translation>Repos exigé par les règles de conduite (onglet Cars), pris là où se trouve le car</translation>
    </message>
</context>
<context>
    <name>TourDayController</name>
    <message>
        <source>Read-only project: the day runs but is not recorded.</source>
        <translation>Projet en lecture seule : la journée se déroule mais n'est pas enregistrée.</translation>
    </message>
    <message>
        <source>Re-planning from here</source>
        <translation>Recalcul depuis ici</translation>
    </message>
    <message>
        <source>Not played: %1 (its stop was skipped).</source>
        <translation>Non diffusée : %1 (son arrêt a été sauté).</translation>
    </message>
    <message>
        <source>Not played: %1 (the bus did not pass its place on the route).</source>
        <translation>Non diffusée : %1 (le car n'est pas passé à son point de l'itinéraire).</translation>
    </message>
</context>
<context>
    <name>TourDayMode</name>
    <message>
        <source>Tour day</source>
        <translation>Jour J</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>rejeu</translation>
    </message>
    <message>
        <source>the system's positioning</source>
        <translation>la localisation du système</translation>
    </message>
    <message>
        <source>Position: %1</source>
        <translation>Position : %1</translation>
    </message>
    <message>
        <source>No position source: press Rehearse, Replay or GPS</source>
        <translation>Aucune source de position : Répétition, Rejouer ou GPS</translation>
    </message>
    <message>
        <source>New day</source>
        <translation>Nouvelle journée</translation>
    </message>
    <message>
        <source>Forget what was logged for this bus (arrivals, departures, videos played, track) and start the day afresh?</source>
        <translation>Effacer ce qui a été enregistré pour ce car (arrivées, départs, vidéos diffusées, trace) et recommencer la journée ?</translation>
    </message>
    <message>
        <source>%1: dropped (%2)</source>
        <translation>%1 : supprimé (%2)</translation>
    </message>
    <message>
        <source>The order of the stops changes.</source>
        <translation>L'ordre des arrêts change.</translation>
    </message>
    <message>
        <source>Nothing changes.</source>
        <translation>Rien ne change.</translation>
    </message>
    <message>
        <source>Re-plan from here</source>
        <translation>Recalculer depuis ici</translation>
    </message>
    <message>
        <source>The rest of the day, planned from where the bus is:</source>
        <translation>La suite de la journée, recalculée depuis la position du car :</translation>
    </message>
    <message>
        <source>Use this plan</source>
        <translation>Adopter ce plan</translation>
    </message>
    <message>
        <source>Video %1 cannot be played: its card is shown instead.</source>
        <translation>La vidéo %1 ne peut pas être lue : sa fiche est affichée à la place.</translation>
    </message>
    <message>
        <source>Replay a track</source>
        <translation>Rejouer une trace</translation>
    </message>
    <message>
        <source>Tracks (*.nmea *.log *.txt *.gpx);;All files (*)</source>
        <translation>Traces (*.nmea *.log *.txt *.gpx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <source>Serial port of the GPS (NMEA 0183, %1 bauds):</source>
        <translation>Port série du GPS (NMEA 0183, %1 bauds) :</translation>
    </message>
    <message>
        <source>Write the day report to a folder</source>
        <translation>Écrire le bilan du jour dans un dossier</translation>
    </message>
    <message>
        <source>Day report written: %1</source>
        <translation>Bilan du jour écrit : %1</translation>
    </message>
</context>
<context>
    <name>TourDock</name>
    <message>
        <source>Optimise</source>
        <translation>Optimiser</translation>
    </message>
    <message>
        <source>Keep the order, compute the times</source>
        <translation>Garder l'ordre, calculer les horaires</translation>
    </message>
</context>
<context>
    <name>TourEditor</name>
    <message>
        <source>The tour being edited</source>
        <translation>Le circuit en cours de modification</translation>
    </message>
    <message>
        <source>New tour</source>
        <translation>Nouveau circuit</translation>
    </message>
    <message>
        <source>Create a tour with one bus (Ctrl+Shift+N)</source>
        <translation>Créer un circuit avec un car (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <source>Delete tour</source>
        <translation>Supprimer le circuit</translation>
    </message>
    <message>
        <source>Delete this tour, its stops and its plan</source>
        <translation>Supprimer ce circuit, ses arrêts et son planning</translation>
    </message>
    <message>
        <source>Tour</source>
        <translation>Circuit</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groupes</translation>
    </message>
    <message>
        <source>return by</source>
        <translation>retour avant</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Start depot</source>
        <translation>Dépôt de départ</translation>
    </message>
    <message>
        <source>End depot</source>
        <translation>Dépôt d'arrivée</translation>
    </message>
    <message>
        <source>Leave at</source>
        <translation>Départ à</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Buses</source>
        <translation>Cars</translation>
    </message>
    <message>
        <source>People on board (the groups, or the tour's participants when it has no group) against the seats of every bus</source>
        <translation>Personnes à bord (les groupes, ou les participants du circuit s'il n'a pas de groupe) comparées aux places de tous les cars</translation>
    </message>
    <message>
        <source>at the earliest (floating time)</source>
        <translation>au plus tôt (heure flottante)</translation>
    </message>
    <message>
        <source>Unticked: the meeting time, the bus leaves then and waits where a company opens later. Ticked: the bus may leave later when that makes the day shorter, never earlier</source>
        <translation>Décoché : l'heure de rendez-vous, le car part à cette heure et attend là où une entreprise ouvre plus tard. Coché : le car peut partir plus tard si la journée en est raccourcie, jamais plus tôt</translation>
    </message>
    <message>
        <source>When the bus leaves (the meeting time), or its earliest departure when 'at the earliest' is ticked</source>
        <translation>Quand le car part (l'heure de rendez-vous), ou son départ au plus tôt quand « au plus tôt » est coché</translation>
    </message>
    <message>
        <source>Optimise for</source>
        <translation>Optimiser pour</translation>
    </message>
    <message>
        <source>Where the bus leaves from</source>
        <translation>D'où part le car</translation>
    </message>
    <message>
        <source>Where the bus ends the day (empty: back to the start)</source>
        <translation>Où le car finit la journée (vide : retour au départ)</translation>
    </message>
    <message>
        <source>People on the tour, to check against the seats</source>
        <translation>Personnes du circuit, à comparer aux places assises</translation>
    </message>
    <message>
        <source>The buses of the tour; choose one to edit it</source>
        <translation>Les cars du circuit ; choisissez-en un pour le modifier</translation>
    </message>
    <message>
        <source>Add a bus</source>
        <translation>Ajouter un car</translation>
    </message>
    <message>
        <source>Add a bus to the tour (12 m bus values, 50 seats)</source>
        <translation>Ajouter un car au circuit (valeurs d'un autocar de 12 m, 50 places)</translation>
    </message>
    <message>
        <source>Remove the bus</source>
        <translation>Retirer le car</translation>
    </message>
    <message>
        <source>Remove the chosen bus; its stops and groups go to any bus</source>
        <translation>Retirer le car choisi ; ses arrêts et ses groupes passent à « Indifférent »</translation>
    </message>
    <message>
        <source>Height of the bus: lower bridges are avoided</source>
        <translation>Hauteur du car : les ponts plus bas sont évités</translation>
    </message>
    <message>
        <source>Weight of the loaded bus: weaker roads are avoided</source>
        <translation>Poids du car chargé : les routes moins résistantes sont évitées</translation>
    </message>
    <message>
        <source>Width of the bus: narrower roads are avoided</source>
        <translation>Largeur du car : les routes plus étroites sont évitées</translation>
    </message>
    <message>
        <source>Length of the bus: shorter limits are avoided</source>
        <translation>Longueur du car : les routes limitées à moins sont évitées</translation>
    </message>
    <message>
        <source>Share of the car speed the bus drives at (0.85: 15 % slower)</source>
        <translation>Part de la vitesse d'une voiture à laquelle roule le car (0,85 : 15 % plus lent)</translation>
    </message>
    <message>
        <source>Share of the speed limit the bus holds on town roads of 31-50 km/h</source>
        <translation>Part de la limite de vitesse que tient le car sur les routes de ville de 31 à 50 km/h</translation>
    </message>
    <message>
        <source>Mean wait at each traffic signal the bus passes</source>
        <translation>Attente moyenne à chaque feu que le car passe</translation>
    </message>
    <message>
        <source>Time added to every leg for pulling out of a stop and into the next</source>
        <translation>Temps ajouté à chaque trajet pour quitter un arrêt et s'arrêter au suivant</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>autocariste</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>height</source>
        <translation>hauteur</translation>
    </message>
    <message>
        <source>width</source>
        <translation>largeur</translation>
    </message>
    <message>
        <source>length</source>
        <translation>longueur</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>poids</translation>
    </message>
    <message>
        <source>speed factor</source>
        <translation>facteur de vitesse</translation>
    </message>
    <message>
        <source>in town</source>
        <translation>en ville</translation>
    </message>
    <message>
        <source>per signal</source>
        <translation>par feu</translation>
    </message>
    <message>
        <source>per stop</source>
        <translation>par arrêt</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Chauffeur</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Véhicule</translation>
    </message>
    <message>
        <source>Driving times</source>
        <translation>Temps de trajet</translation>
    </message>
    <message>
        <source>Driver breaks (every bus of the tour)</source>
        <translation>Pauses des conducteurs (tous les cars du circuit)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Bus</source>
        <translation>Car</translation>
    </message>
    <message>
        <source>Who travels: a class, a job centre's team… Double-click to edit; a group may be put on a given bus</source>
        <translation>Qui voyage : une classe, l'équipe d'une agence… Double-cliquez pour modifier ; un groupe peut être placé dans un car donné</translation>
    </message>
    <message>
        <source>%1 participants for 1 bus, %3 seats</source>
        <translation>%1 participants pour 1 car, %3 places</translation>
    </message>
    <message>
        <source>%1 participants for %2 buses, %3 seats</source>
        <translation>%1 participants pour %2 cars, %3 places</translation>
    </message>
    <message>
        <source>Add a group</source>
        <translation>Ajouter un groupe</translation>
    </message>
    <message>
        <source>Fill the height, weight, width, length and speed of a usual vehicle</source>
        <translation>Remplir la hauteur, le poids, la largeur, la longueur et la vitesse d'un véhicule courant</translation>
    </message>
    <message>
        <source>Model…</source>
        <translation>Modèle…</translation>
    </message>
    <message>
        <source>For every bus</source>
        <translation>Pour tous les cars</translation>
    </message>
    <message>
        <source>Give every bus of the tour this vehicle</source>
        <translation>Donner ce véhicule à tous les cars du circuit</translation>
    </message>
    <message>
        <source>Remove the group</source>
        <translation>Retirer le groupe</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>(same as start)</source>
        <translation>(retour au départ)</translation>
    </message>
    <message>
        <source>%1 — %2 seats</source>
        <translation>%1 — %2 places</translation>
    </message>
    <message>
        <source>The bus this group travels on (Any: the planner chooses)</source>
        <translation>Le car de ce groupe (Indifférent : le calcul choisit)</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Indifférent</translation>
    </message>
    <message>
        <source>%1: %2 people for %3 seats</source>
        <translation>%1 : %2 personnes pour %3 places</translation>
    </message>
    <message>
        <source>too many people for the seats</source>
        <translation>trop de personnes pour les places</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Start here</source>
        <translation>Début ici</translation>
    </message>
    <message>
        <source>The bus plays the clip from this point</source>
        <translation>Le car diffuse la vidéo à partir d'ici</translation>
    </message>
    <message>
        <source>End here</source>
        <translation>Fin ici</translation>
    </message>
    <message>
        <source>The bus stops the clip at this point</source>
        <translation>Le car arrête la vidéo ici</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>VideosPanel</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>The company new videos belong to</source>
        <translation>L'entreprise à laquelle appartiennent les nouvelles vidéos</translation>
    </message>
    <message>
        <source>Add videos…</source>
        <translation>Ajouter des vidéos…</translation>
    </message>
    <message>
        <source>Add video files; their durations are read from the files</source>
        <translation>Ajouter des fichiers vidéo ; leur durée est lue dans les fichiers</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the selected video from the project (the file stays)</source>
        <translation>Retirer la vidéo choisie du projet (le fichier reste)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Play the selected video</source>
        <translation>Lire la vidéo choisie</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>The bus plays the clip from this point (seconds into the file)</source>
        <translation>Le car diffuse la vidéo à partir de ce point (secondes depuis le début du fichier)</translation>
    </message>
    <message>
        <source>The bus stops the clip here (“end”: the whole file)</source>
        <translation>Le car arrête la vidéo ici (« fin » : tout le fichier)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Plays from</source>
        <translation>Diffusée de</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>(no company)</source>
        <translation>(aucune entreprise)</translation>
    </message>
    <message>
        <source>outside the project: not played</source>
        <translation>hors du projet : non lue</translation>
    </message>
    <message>
        <source>file missing</source>
        <translation>fichier manquant</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Add videos</source>
        <translation>Ajout de vidéos</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.avi *.webm);;All files (*)</source>
        <translation>Vidéos (*.mp4 *.mov *.mkv *.avi *.webm);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message>
        <source>Click a warning to show its stop on the map</source>
        <translation>Cliquez sur un avertissement pour voir son arrêt sur la carte</translation>
    </message>
    <message>
        <source>These warnings are the old plan's, which may no longer match the tour: optimise again to see the current ones.</source>
        <translation>Ces avertissements sont ceux de l'ancien plan, qui ne correspond peut-être plus au circuit : relancez l'optimisation pour voir les avertissements actuels.</translation>
    </message>
    <message>
        <source>Not served:</source>
        <translation>Non desservi :</translation>
    </message>
    <message>
        <source>The old plan had no warnings.</source>
        <translation>L'ancien plan n'avait aucun avertissement.</translation>
    </message>
    <message>
        <source>No warnings: every stop is served on time.</source>
        <translation>Aucun avertissement : chaque arrêt est desservi à l'heure.</translation>
    </message>
    <message>
        <source>(old plan)</source>
        <translation>(ancien plan)</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to ZI Tour planner</source>
        <translation>Bienvenue dans ZI Tour planner</translation>
    </message>
    <message>
        <source>Plan the guided bus tours of industrial zones (ZI Tours) and run them:&lt;ul&gt;&lt;li&gt;place the companies, training centres and stops on the map, with their opening hours, visit lengths, ambassadors and videos;&lt;/li&gt;&lt;li&gt;let the application find the order and the times a coach keeps, on the real roads (OpenStreetMap);&lt;/li&gt;&lt;li&gt;print the itinerary and the ambassadors' stop sheets, export maps and playlists for the partners;&lt;/li&gt;&lt;li&gt;on the day, run the tour from a laptop aboard the bus, without a network.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>Préparez et menez les visites guidées en car des zones industrielles (ZI Tours) :&lt;ul&gt;&lt;li&gt;placez sur la carte les entreprises, centres de formation et arrêts, avec leurs horaires d'ouverture, durées de visite, ambassadeurs et vidéos ;&lt;/li&gt;&lt;li&gt;laissez l'application trouver l'ordre et les horaires qu'un autocar tient, sur les vraies routes (OpenStreetMap) ;&lt;/li&gt;&lt;li&gt;imprimez l'itinéraire et les fiches d'arrêt des ambassadeurs, exportez cartes et playlists pour les partenaires ;&lt;/li&gt;&lt;li&gt;le jour J, menez le circuit depuis un ordinateur portable à bord du car, sans réseau.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Open the demo project</source>
        <translation>Ouvrir le projet de démonstration</translation>
    </message>
    <message>
        <source>A ready-made project on the industrial zones of Krems (Austria)</source>
        <translation>Un projet tout prêt sur les zones industrielles de Krems (Autriche)</translation>
    </message>
    <message>
        <source>Open a project…</source>
        <translation>Ouvrir un projet…</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Nouveau projet…</translation>
    </message>
    <message>
        <source>Import your region…</source>
        <translation>Importer votre région…</translation>
    </message>
    <message>
        <source>Read your region's OpenStreetMap extract so tours can be planned there</source>
        <translation>Lire l'extrait OpenStreetMap de votre région pour y préparer des circuits</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your region's roads.&lt;/b&gt; The demo region (Krems) is included. For your own zone, without a network on this computer:&lt;ol&gt;&lt;li&gt;on any computer, download your region's extract from &lt;a href='https://download.geofabrik.de/europe/france.html'&gt;download.geofabrik.de&lt;/a&gt; (for example &lt;i&gt;rhone-alpes-latest.osm.pbf&lt;/i&gt; for Meyzieu or the Vallée du Gier);&lt;/li&gt;&lt;li&gt;cut the zone of your tours with osmium: &lt;tt&gt;osmium extract -b 4.95,45.70,5.10,45.80 rhone-alpes-latest.osm.pbf -o meyzieu.osm.pbf&lt;/tt&gt; (west, south, east, north);&lt;/li&gt;&lt;li&gt;bring the file here and choose “Import your region…”.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;b&gt;Les routes de votre région.&lt;/b&gt; La région de démonstration (Krems) est fournie. Pour votre propre zone, sans réseau sur cet ordinateur :&lt;ol&gt;&lt;li&gt;depuis n'importe quel ordinateur, téléchargez l'extrait de votre région sur &lt;a href='https://download.geofabrik.de/europe/france.html'&gt;download.geofabrik.de&lt;/a&gt; (par exemple &lt;i&gt;rhone-alpes-latest.osm.pbf&lt;/i&gt; pour Meyzieu ou la Vallée du Gier) ;&lt;/li&gt;&lt;li&gt;découpez la zone de vos circuits avec osmium : &lt;tt&gt;osmium extract -b 4.95,45.70,5.10,45.80 rhone-alpes-latest.osm.pbf -o meyzieu.osm.pbf&lt;/tt&gt; (ouest, sud, est, nord) ;&lt;/li&gt;&lt;li&gt;apportez le fichier ici et choisissez « Importer votre région… ».&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Double-click a recent project to open it</source>
        <translation>Double-cliquez sur un projet récent pour l'ouvrir</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Projets récents</translation>
    </message>
    <message>
        <source>Your region</source>
        <translation>Votre région</translation>
    </message>
</context>
<context>
    <name>_QtSource</name>
    <message>
        <source>The position source stopped (%1).</source>
        <translation>La source de position s'est arrêtée (%1).</translation>
    </message>
</context>
</TS>