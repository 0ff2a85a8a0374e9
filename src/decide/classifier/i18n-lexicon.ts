// Lexicons of the alphabet languages the classifier reads (i18n.ts): each maps the words of a
// language onto the English words of the classifier's own word families (lexicon.ts), so that
// "Prüfe die Änderungen" reads as "review change" and "causa raíz" as "root cause".
//
// Format. `lexicon`: one line per English gloss, "gloss: form, form, multi word form". A form is a
// stem: it matches the word itself or the word plus one of the language's `endings` (and, for
// Spanish and Italian, an ending plus an attached pronoun: "revísalo", "controllalo"). Forms
// shorter than `minStem`, or ending in "!", match only the whole word. Forms of several words match
// consecutive words of one clause. Gloss "-": the word is a function word with no English
// counterpart. Accents do not matter (forms and words are both folded, see i18n.ts fold()).
// `functionWords`: exact words, "word" or "word=english" ("_" for a space in either).
// `markers`: function words that tell the language from English (never English words themselves).

export interface AlphabetLanguageData {
  name: string;
  markers: string;
  /** Letters that only this language (of the five Latin-script ones) writes often: each word holding one counts as a marker. */
  letters?: string;
  functionWords: string;
  endings: string;
  /** Verb endings that take an attached pronoun, and the pronouns. */
  cliticHosts?: string;
  clitics?: string;
  minStem: number;
  /** Elided articles and pronouns before an apostrophe ("l'", "d'", "dell'"). */
  elisions?: string;
  /** Split unknown words into known parts (German compounds). */
  compounds?: boolean;
  /** Negations that follow a clause-opening verb and negate it too ("Ändere nicht …"). */
  negatesOpeningVerb?: string;
  lexicon: string;
}

const de: AlphabetLanguageData = {
  name: 'German',
  minStem: 4,
  compounds: true,
  negatesOpeningVerb: 'nicht',
  letters: 'äöüß',
  markers:
    'der das den dem des ein eine einen einem einer eines und oder aber nicht kein keine keinen ohne mit für von zum zur auf im bei aus nach bevor seit bis über durch zwischen wie wer wo wann warum wieso weshalb ob wenn dass ich du wir mir uns unser unsere unseren ist sind wird werden haben kann können soll sollte sollten muss müssen bitte mal doch auch noch nur schon sehr alle alles jede jeden jedes diese dieser dieses diesen hier dann weil sich einfach möglichst gibt kannst könntest meine meinen mein dein wir zu etwas nichts immer wieder jetzt wäre hätte wurde warum',
  functionWords: `der das den dem des die ein eine einen einem einer eines und=and oder=or aber=but sondern=but nicht=not kein=no keine=no keinen=no keinem=no ohne=without nie=never niemals=never
    mit=with für=for von=from zu=to zum=to zur=to auf=on in=in im=in an=on am=on bei=at aus=from nach=after vor=before bevor=before nachdem=after seit=since bis=until über=over unter=under durch=through
    gegen zwischen=between als=as wie=how was=what wer=who wo=where wann=when warum=why wieso=why weshalb=why welche=which welcher=which welches=which welchen=which ob=whether wenn=if falls=if dass=that damit=so
    ich=i du=you er es=it sie=they wir=we ihr mich=me mir=me mein=my meine=my meinen=my meinem=my meiner=my ganz=whole ganze=whole ganzen=whole gesamte=whole gesamten=whole komplette=whole kompletten=whole dich dir uns=us unser=our unsere=our unseren=our unserem=our unserer=our euer eure sein seine ihre ihren
    ist=is sind=are war=was waren=were wird=will werden=will wurde=was wurden=were hat=has haben=have hatte=had gibt kann=can können=could könnte=could könntest=could kannst=can
    soll=should sollte=should sollten=should sollen=should muss=must müssen=must musst=must will=want möchte=want möchten=want bitte=please danke=thanks mal doch ja nein=no auch=also noch=still
    schon=already sehr=very mehr=more etwas=some alle=all alles=all jede=each jeden=each jedes=each jeder=each jedem=each dies=this diese=this dieser=this dieses=this diesen=this diesem=this
    hier=here da=there dort=there dann=then so=so also=so dabei davon dafür darauf daran dazu darin denn weil=because sich einmal=once bzw sowie=and sowohl gerne gern eigentlich=-
    mach=make mache=make machen=make gib=give gebe zeig=show zeige=show hilf=help helfen=help brauche=need brauchen=need benötige=need`,
  endings:
    'e en er ern es n s st t et te ten test tet em end ung ungen ierung ierungen ieren iert iere ierst ierte ierten lich liche lichen licher isch ische ischen heit heiten keit keiten bar bare baren',
  lexicon: `
review: prüf, überprüf, begutacht, durchsicht, gegenles, review, reviews
code review: codereview, code-review, codeprüfung
check: kontrollier, check
audit: audit, auditier
security: sicherheit, security
secure: sicher, abgesichert
vulnerability: schwachstelle, lücke, sicherheitslücke, vulnerability
injection: injektion, injection
attack: angriff, angreifer
permission: berechtigung, zugriffsrecht, rechte, zugriffskontrolle
authentication: authentifizierung, anmeldung
authorization: autorisierung
password: passwort, kennwort
secret: geheimnis, geheimnisse
encryption: verschlüssel
compliance: compliance, konformität, dsgvo
threat: bedrohung
threat model: bedrohungsmodell, bedrohungsanalyse
design: entwerf, entwirf, design, gestalt, gestalte
draft: entwurf
architecture: architektur
system: system
decide: entscheid
decision: entscheidung
choose: wähl, auswahl, auswähl
compare: vergleich
tradeoff: abwägung, abwäg, kompromiss
pros and cons: vor- und nachteile, vor und nachteile, vorteile und nachteile, was spricht dafür, was spricht dagegen, dafür und dagegen
risk: risiko, risiken
recommend: empfehl, empfiehl
evaluate: bewert, beurteil
assess: einschätz, einschätzung
analyze: analys, analyse, analysier
plan: plan, planung
propose: vorschlag, schlag vor, schlage vor
strategy: strategie
refactor: refaktor, refaktorier, refaktorisier, refactoring, refactor, umbau
restructure: umstrukturier
rewrite: umschreib, neu schreib
migration: migration, migrier
split: aufteil, aufspalt, zerleg
root cause: tatsächliche ursache, wahre ursache, grundursache, ursachenanalyse, ursachenforschung
cause: ursache
investigate: untersuch
find out: herausfind, finde heraus, herausbekomm
find out why: finde heraus warum, finde heraus wieso
find: find, such
sporadic: sporadisch
occasionally: gelegentlich, ab und zu, hin und wieder, selten
sometimes: manchmal
intermittent: zeitweise, zeitweilig
randomly: zufällig
flaky: flaky, instabil, wackelig
race condition: race condition, race-condition, wettlaufsituation
deadlock: deadlock, verklemmung
memory leak: speicherleck, memory leak
leak: leck
corrupt: beschädigt, korrupt
nondeterministic: nichtdeterministisch, nicht deterministisch
under load: unter last
load: lastspitze
only in production: nur in produktion, nur in der produktion
production: produktion, produktiv
difficult: schwierig, schwer
complex: komplex, kompliziert
tricky: knifflig
subtle: subtil
thorough: gründlich, sorgfältig
in depth: im detail, detailliert, ausführlich
critical: kritisch
quick: schnell
simple: einfach, simpel
small: klein, kleinigkeit
short: kurz
minor: geringfügig
entire codebase: gesamte codebasis, ganze codebasis, gesamten code, ganzen code, komplette codebasis
entire system: gesamte system, ganze system
entire repo: ganze repo, gesamte repo, ganze projekt, gesamte projekt
all services: alle services, alle dienste, allen services, allen diensten
all modules: alle module, allen modulen
across all: über alle, quer durch
everywhere: überall
cross cutting: übergreifend
system wide: systemweit
repo wide: projektweit
codebase: codebasis
unclear: unklar, nicht klar
vague: vage, schwammig
ambiguous: mehrdeutig
not sure: nicht sicher, bin unsicher, unsicher
no idea: keine ahnung
conflicting: widersprüchlich, widersprech, widerspricht
requirement: anforderung
spec: spezifikation, spec
concurrency: nebenläufig, nebenläufigkeit
parallel: parallel
consistency: konsistenz, konsistent
distributed: verteilt, verteilte
scalability: skalierbar, skalier
microservice: microservice, mikroservice, microservices
monolith: monolith
tenant: mandant, mandanten
multi tenant: mandantenfähig
isolation: isolation, isolier, trennung
data model: datenmodell
schema: schema
database: datenbank
domain: domäne, fachlich
transaction: transaktion
idempotency: idempotenz, idempotent
lock: sperre, lock
rollback: rollback, zurückroll
downtime: ausfallzeit, downtime
legacy: legacy, altsystem, altcode
performance: performance, leistung
slow: langsam
payment: zahlung, bezahl
billing: abrechnung
write: schreib
add: hinzufüg, füg, ergänz
create: erstell, anleg, erzeug
implement: implementier, umsetz, setz um
build: bau, baue, bauen
develop: entwickl
fix: beheb, behob, fix, reparier, korrigier
debug: debugg
error: fehler
error message: fehlermeldung
bug: bug, bugs
crash: absturz, abstürz, stürzt ab
fail: schlägt fehl, fehlschlag, scheitert
test: test, testen, teste
unit test: unittest, komponententest, unit-test
integration test: integrationstest
test case: testfall
edge case: randfall, grenzfall
endpoint: endpunkt, endpoint
api: schnittstelle
function: funktion
component: komponente
page: seite
screen: bildschirm, ansicht
button: schaltfläche, knopf, button
form: formular
validation: validier, validierung
script: skript
module: modul
service: dienst, service
query: abfrage
config: konfiguration, konfigurier, einstellung
deploy: deploy, bereitstell, ausroll
update: aktualisier, update
change: änder, änderung
modify: modifizier, anpass
improve: verbesser
optimize: optimier
cache: cache, zwischenspeicher
retry: wiederhol
pagination: paginierung
filter: filter, filtr
log: protokoll, logs
explain: erklär
documentation: dokumentation, doku
document: dokumentier
comment: kommentar
email: mail
article: artikel
post: beitrag
guide: anleitung
code: code, quellcode
merge: merg
convert: konvertier, umwandl, umwandel, wandl, wandel, überführ
translate: übersetz
format: formatier, format
sort: sortier
alphabetical: alphabetisch
alphabetical order: alphabetische reihenfolge, alphabetisch sortiert
extract: extrahier, herauszieh, zieh heraus, auslesen, lies aus
list: auflist, liste
collect: sammel, sammle
count: zähl
how many: wie viele, wie viel
classify: klassifizier, einordn, ordne ein
categorize: kategorisier
category: kategorie
tag: tagg, verschlagwort
label: label, beschrift, etikett
sentiment: stimmung, sentiment
group: gruppier
commit message: commit-nachricht, commitnachricht, commit nachricht, commit-message, commit message
commit: commit, committe, committen
changelog: changelog, änderungsprotokoll
release notes: versionshinweise, release notes
branch: branch, zweig
rename: umbenenn, benenn
version: version
version number: versionsnummer
bump: hochsetz, erhöh, anheb, hochzieh
metadata: metadaten
meta description: meta-beschreibung, metabeschreibung, meta beschreibung
title: titel
heading: überschrift
description: beschreibung
keyword: schlüsselwort, schlüsselwörter, schlagwort, schlagwörter, keywords
summarize: zusammenfass, fasse zusammen, fass zusammen, fasse!
summary: zusammenfassung
table: tabelle
address: adresse
link: link, verweis
name: name, namen
date: datum
number: nummer, zahl
key: schlüssel
value: wert
field: feld
column: spalte
line: zeile
entry: eintrag
duplicate: duplikat
twice: zweimal, doppelt
uppercase: großbuchstaben
indentation: einrückung, einrück
spaces: leerzeichen
difference: unterschied
option: option, parameter
command: befehl, kommando
look: schau, anschau, anseh, guck
behaviour: verhalten
functionality: funktionalität
consider: überleg, erwäg
review: zweite meinung
import: import
typo: tippfehler
spelling: rechtschreibung
grammar: grammatik
default value: standardwert, default-wert
-: sicherstell, stelle sicher
`,
};

const es: AlphabetLanguageData = {
  name: 'Spanish',
  minStem: 4,
  letters: 'ñ¿¡',
  markers:
    'el los las del al un una unos unas la en de que con para por lo y pero sin con para por porque también muy este esta estos estas ese esa eso esto nuestro nuestra nuestros nuestras mi mis hay es está están puedes podrías necesito quiero tenemos qué cómo cuál dónde cuándo todas cada haz hazme dame dime ayúdame favor gracias según sólo siempre nunca cuando desde hasta después antes tú mí donde nada estoy puedo hacer tiene tengo así aquí ahora luego',
  functionWords: `el la los las lo un una unos unas del al de en con=with por=by para=for sin=without y=and e=and o=or u=or ni=nor pero=but sino=but
    que qué=what cómo=how como=like cuál=which cual cuáles=which dónde=where donde=where cuándo=when cuando=when quién=who quien=who cuánto=how_much cuántos=how_many cuántas=how_many
    porque=because si=if sí=yes no=not nunca=never jamás=never nada=nothing ningún=no ninguna=no ninguno=no
    es son=are está=is están=are ser=be estar=be era=was fue=was hay=there tiene=has tienen=have tengo tenemos=have
    este=this esta=this estos=these estas=these ese=that esa=that esos=those esas=those esto=this eso=that aquí=here ahí=there allí=there
    mi=my mis=my tu=your tus=your su=their sus=their nuestro=our nuestra=our nuestros=our nuestras=our me=me te se le les nos=us yo=i tú=you usted=you nosotros=we ellos=they
    muy=very más=more menos=less también=also ya=already todavía=still aún=still solo=only sólo=only solamente=only únicamente=only todo=whole toda=whole todos=all todas=all cada=each cualquier=any
    otro otra otros otras mismo misma antes=before después=after hasta=until desde=since durante=during mientras=while entonces=then luego=then así=so además=also
    puedes=can podrías=could puede=can pueden=can puedo=can_i podemos=can_we hago=do_i hacemos=do_we debo=should_i debe=must debes=must debería=should deberíamos=should_we debemos=should_we quiero=want queremos=want necesito=need necesitamos=need hace=-
    haz hazme dame=give dime=tell muéstrame=show ayúdame=help ayuda=help favor gracias=thanks vale=- bien=well mejor=better`,
  endings:
    'a as an ar o os s amos ad e es en er emos ed ir imos id ado ada ados adas ido ida idos idas ando iendo ion iones cion ciones ia ias ico ica icos icas idad idades mente able ables ible ibles',
  cliticHosts: 'a e ar er ir ad ed id ando iendo',
  clitics: 'lo la los las le les me nos te se melo mela selo sela',
  lexicon: `
review: revis, revisión, revisa, review
code review: revisión de código, revisión del código, code review
check: comprob, verific, chequea
audit: audit, auditoría
security: seguridad
secure: segur
vulnerability: vulnerab, vulnerabilidad, brecha, agujero de seguridad, fallo de seguridad, fallos de seguridad
injection: inyección
attack: ataque, atacante
permission: permiso
authentication: autenticación, autentic
authorization: autorización
password: contraseña
secret: secreto
encryption: cifrado, encript, cifr
compliance: cumplimiento, normativa
threat: amenaza
threat model: modelo de amenazas
design: diseñ, diseño
architecture: arquitectur
system: sistema
decide: decid
decision: decisión
choose: elegir, elige, elijamos, escoger, escoge, seleccion
compare: compar
tradeoff: compensación, compromiso
pros and cons: pros y contras, ventajas y desventajas, ventajas e inconvenientes, a favor y en contra
versus: frente a
risk: riesgo
recommend: recomiend, recomend, aconsej
evaluate: evalu, evaluación
assess: valora, valorar
analyze: analiz, análisis
plan: plan, planific
propose: propon, propón, propuesta
strategy: estrategia
refactor: refactoriz, refactor, refactorización, refactoring
restructure: reestructur
rewrite: reescrib
migration: migr, migración
split: divid, separ, trocea
root cause: causa raíz, causa real, causa de fondo, causa principal, root cause
cause: causa
investigate: investig
find out: averigu, descubr
find out why: averigua por qué, descubre por qué
find: encontr, encuentr, busc, busca
why: por qué, por que
intermittent: intermitent, intermitente
sometimes: a veces, algunas veces
occasionally: de vez en cuando, cada tanto, ocasionalmente, rara vez, raramente
sporadic: esporádic
randomly: aleatori, al azar
flaky: inestable
race condition: condición de carrera, condiciones de carrera, race condition
deadlock: interbloqueo, bloqueo mutuo, deadlock
memory leak: fuga de memoria, fugas de memoria, memory leak
leak: fuga
corrupt: corromp, corrupt
nondeterministic: no determinista, no determinístico
under load: bajo carga
load: carga
only in production: solo en producción, sólo en producción
production: producción
difficult: difícil
complex: complej
tricky: delicad, enrevesad
subtle: sutil
thorough: a fondo, exhaustiv, minucios, detenidamente
in depth: en profundidad, en detalle
critical: crític
quick: rápid, rápidamente
simple: simple, sencill
small: pequeñ
short: cort, breve
minor: menor
entire codebase: todo el código, todo el codigo base, toda la base de código, todo el repositorio
entire system: todo el sistema
entire app: toda la aplicación, toda la app
all services: todos los servicios
all modules: todos los módulos
across all: en todos los
everywhere: en todas partes, por todas partes
cross cutting: transversal
codebase: base de código
unclear: no está claro, poco claro, no queda claro
vague: vago, vaga
ambiguous: ambigu
not sure: no estoy seguro, no estoy segura, no sé si
don't know: no sé, no sabemos
conflicting: contradic, contradictori
requirement: requisit, requerimient
spec: especificación
concurrency: concurrenc
consistency: consistencia
distributed: distribuid
scalability: escalab, escalar
microservice: microservicio
monolith: monolit
tenant: inquilino, tenant
multi tenant: multiinquilino, multitenant
isolation: aislamiento, aislar
data model: modelo de datos
schema: esquema
database: base de datos, bases de datos
domain: dominio
transaction: transacción
idempotency: idempoten
lock: bloqueo
rollback: rollback, revertir, reversión
downtime: tiempo de inactividad, caída
legacy: legado, heredado
performance: rendimiento
slow: lent
payment: pago
billing: facturación
write: escrib
add: añad, agreg
create: crea, crear, créame, creame, creen, creado, creada
implement: implement
build: constru, construy
develop: desarroll
fix: arregl, corrig, correg, solucion, repar
debug: depur
error: error, errores
bug: bug, bugs
crash: se cae, se cuelga, crashea
fail: falla, fallan, fallo, fallando, falló
test: prueba, test, tests, testea
unit test: prueba unitaria, pruebas unitarias, test unitario, tests unitarios
integration test: prueba de integración, pruebas de integración
test case: caso de prueba
edge case: caso límite, casos límite, casos borde
endpoint: endpoint, endpoints
function: función, funcion
component: componente
page: página
screen: pantalla
button: botón
form: formulario
validation: validación, valid
script: script
feature: funcionalidad
module: módulo
service: servicio
query: consulta
config: configuración, configur
deploy: despliegue, despleg, despliega
update: actualiz
change: cambi
modify: modific
improve: mejora, mejorar, mejoremos
optimize: optimiz
cache: caché, cache
retry: reintent
pagination: paginación
filter: filtr
log: registro, logs
explain: explic
documentation: documentación
document: document
comment: comentario
draft: borrador
email: correo, correo electrónico, correos electrónicos
article: artículo
guide: guía
code: código
convert: convert, conviert, pasa a, pásalo a
transform: transform
translate: traduc, traducción
format: formate, da formato, formato
sort: orden, ordena, ordenar
alphabetical order: orden alfabético, alfabéticamente
extract: extrae, extraer, extraiga, extraigas, extracción, saca
list: list, lista, listado, enumer
collect: recopil, reún, junta
count: contar, cuenta las, cuenta los, cuenta cuántos
how many: cuántos, cuántas
classify: clasific
categorize: categoriz
category: categoría
tag: etiquet
label: rotul
sentiment: sentimiento
group: agrup
commit message: mensaje de commit, mensajes de commit, mensaje del commit, commit message
commit: commit, commits, commitea
changelog: changelog, registro de cambios
release notes: notas de la versión, notas de versión, release notes
branch: rama
rename: renombr, cambia el nombre
version: versión
bump: sube, subir
metadata: metadat
meta description: meta descripción, meta descripciones, metadescripción, descripción meta, descripciones meta
title: título
description: descripción
keyword: palabras clave, palabra clave
alt text: texto alternativo
summarize: resum
summary: resumen
table: tabla
each: cada uno
email address: direcciones de correo, dirección de correo
address: dirección
link: enlace
name: nombre
date: fecha
number: número
key: clave
value: valor
field: campo
column: columna
line: línea
row: fila
entry: entrada
duplicate: duplicad
twice: dos veces
uppercase: mayúscula
lowercase: minúscula
indentation: indentación, sangría
spaces: espacios
difference: diferencia
option: opción, parámetro
command: comando
look: mira, mirar, échale un ojo, echa un vistazo, dale un vistazo
merge: mergear, merge, fusion
behaviour: comportamiento
consider: consider, plante
review: segunda opinión
import: import, importación
typo: errata, error tipográfico, falta de ortografía, faltas de ortografía
spelling: ortografía
grammar: gramática
default value: valor por defecto, valor predeterminado
`,
};

const fr: AlphabetLanguageData = {
  name: 'French',
  minStem: 4,
  elisions: "l' d' j' qu' n' s' c' m' t' jusqu' lorsqu' puisqu'",
  letters: 'èêëâîôûœ',
  markers:
    'le les des du au aux la en de que un il et mais pas sans avec pour dans sur vers chez entre avant après depuis pendant lorsque quand qui quoi quel quelle quels pourquoi où combien est sont était il elle ils nous vous je ce cette ces notre nos votre vos leur leurs tout tous toutes chaque très aussi déjà encore seulement peux pouvez peut devrait devrions faut fais faites merci svp stp voici puis une moi toi mon mes tes cet ici peut sera être avoir faire ça cela ceci parce donc alors comme',
  functionWords: `le la les un une des du de au aux et=and ou=or mais=but ni=nor ne=not pas=not sans=without jamais=never aucun=no aucune=no rien=nothing
    avec=with pour=for par=by sur=on dans=in en=in à=to a vers=to chez entre=between avant=before après=after depuis=since pendant=during jusque=until
    quand=when lorsque=when si=if que=that qui=who quoi=what quel=which quelle=which quels=which quelles=which comment=how pourquoi=why où=where combien=how_many
    est=is sont=are était=was être=be ai as avons avez ont il=it elle=it ils=they elles=they on=we nous=we vous=you je=i tu=you me=me moi=me te toi se
    ce=this cet=this cette=this ces=these ça=this cela=this ceci=this mon ma mes=my notre=our nos=our votre=your vos=your leur=their leurs=their son sa ses y
    tout=whole toute=whole tous=all toutes=all chaque=each plus=more très=very aussi=also déjà=already encore=still seulement=only uniquement=only juste=just
    peux=can pouvez=can peut=can pourrais=could pourriez=could dois=must doit=must devons=must devrait=should devrions=should_we faut=need
    fais faites fait=done merci=thanks svp=please stp=please plaît voici voilà ici=here là=there alors=then donc=so puis=then comme=like`,
  endings:
    'e es s ent er ez ons é ée és ées ai ais ait aient ir is it irent issez issons issent issant ant ants ation ations ion ions eur eurs euse euses ure ures al aux ale ales ique iques ité ités ement ements able ables',
  lexicon: `
review: relis, relire, relecture, révis, revue, review
code review: revue de code, relecture de code, revue du code, code review
check: vérifi, contrôl, check
audit: audit, audite, auditer
security: sécurité
secure: sécuris
vulnerability: vulnérab, faille, failles de sécurité
injection: injection
attack: attaque, attaquant
permission: permission, droits d'accès, autorisation
authentication: authentification, authentifi
password: mot de passe, mots de passe
secret: secret
encryption: chiffrement, chiffr, cryptage
compliance: conformité, rgpd
threat: menace
threat model: modèle de menace, modèle de menaces, modélisation des menaces
design: conçoi, concevoir, conception, design
architecture: architectur
system: système
decide: décid
decision: décision
choose: choisi, choix
compare: compar
tradeoff: compromis, arbitrage
pros and cons: avantages et inconvénients, pour et contre
versus: par rapport à
risk: risque
recommend: recommand, conseill, préconis
evaluate: évalu
assess: estim
analyze: analys, analyse
plan: plan, planifi
propose: propose, proposer, proposez, proposition
strategy: stratégie
refactor: refactor, refactoris, refacto, refactoring, réusin
restructure: restructur
rewrite: réécri, réécrire
migration: migr, migration
split: découp, scind, sépar
root cause: cause racine, cause première, cause profonde, vraie cause, cause réelle, root cause
cause: cause
investigate: enquêt, investigu
find out: découvr, déterminer
find out why: trouve pourquoi, découvre pourquoi, comprendre pourquoi, comprends pourquoi
find: trouv, cherch
intermittent: intermittent
sometimes: parfois, quelquefois
occasionally: de temps en temps, de temps à autre, occasionnellement, rarement
sporadic: sporadique
randomly: aléatoire, au hasard
flaky: instable, flaky
race condition: condition de course, conditions de course, situation de compétition, race condition
deadlock: interblocage, deadlock, étreinte fatale
memory leak: fuite mémoire, fuite de mémoire, fuites mémoire, memory leak
leak: fuite
corrupt: corromp, corrompu
nondeterministic: non déterministe, non-déterministe
under load: sous charge, en charge
load: charge
only in production: uniquement en production, seulement en production, qu'en production
production: production, prod
difficult: difficile
complex: complex
tricky: délicat, épineu
subtle: subtil
thorough: minutieu, approfondi, en profondeur, complet, complète
in depth: en détail, détaillé
critical: critique
quick: rapid
simple: simple
small: petit
short: court, brèv, bref
minor: mineur
entire codebase: toute la base de code, tout le code, l'ensemble du code
entire system: tout le système, l'ensemble du système
entire repo: tout le dépôt, tout le repo, tout le projet
all services: tous les services
all modules: tous les modules
across all: dans tous les
everywhere: partout
cross cutting: transvers
codebase: base de code
unclear: pas clair, peu clair, flou
vague: vague
ambiguous: ambigu
not sure: pas sûr, pas sûre, pas certain
don't know: sais pas, je ne sais pas
conflicting: contradictoire, contredis, contredit
requirement: exigence, besoin
spec: spécification, cahier des charges
concurrency: concurren
consistency: cohérence
distributed: distribué
scalability: scalab, passage à l'échelle
microservice: microservice, micro-service
monolith: monolith
tenant: locataire, tenant
multi tenant: multi-locataire, multi-tenant
isolation: isolation, isol, cloisonn
data model: modèle de données
schema: schéma
database: base de données, bases de données, bdd
domain: domaine
transaction: transaction
idempotency: idempoten
lock: verrou
rollback: rollback, retour arrière
downtime: interruption de service, indisponibilité
zero downtime: sans interruption
legacy: legacy, hérité, historique
performance: performance
slow: lent
payment: paiement
billing: facturation
write: écri, écris, écrire, rédig
add: ajout
create: crée, créer, créez
implement: implément
build: construi, construire
develop: développ
fix: corrig, répar
debug: débogu, debugg
error: erreur
bug: bug, bogue
crash: plant, crash
fail: échou, échec
test: test, teste
unit test: test unitaire, tests unitaires
integration test: test d'intégration, tests d'intégration
test case: cas de test
edge case: cas limite, cas limites
endpoint: endpoint, point d'entrée, point de terminaison
function: fonction
component: composant
page: page
screen: écran
button: bouton
form: formulaire
validation: validation, valid
script: script
feature: fonctionnalité
module: module
service: service
query: requête
config: configur
deploy: déploi, déploy
update: mets à jour, mettre à jour, mise à jour, mettez à jour
change: chang, changement
modify: modifi
improve: amélior
optimize: optimis
cache: cache
retry: réessai, relanc
pagination: pagination
filter: filtr
log: journal, logs
explain: expliqu
documentation: documentation
document: document
comment: commentaire
draft: brouillon
email: courriel, e-mail
article: article
guide: guide, tutoriel
code: code
convert: convert, conversion
transform: transform
translate: tradui, traduction
format: format, formate
sort: tri, trie, trier
alphabetical order: ordre alphabétique, alphabétiquement
extract: extrai, extraire, extraction
list: list, liste
collect: collect, rassembl, récupèr
count: compter!, comptez!, compte les, compte le nombre
how many: combien de
classify: classifi, classer!, classez!
categorize: catégoris
category: catégorie
tag: tagu, étiquet
label: label
sentiment: sentiment
group: regroup
commit message: message de commit, messages de commit, message du commit, commit message
commit: commit, commits
changelog: changelog, journal des modifications
release notes: notes de version, release notes
branch: branche
rename: renomm
version: version
bump: incrément, monte, monter, passe la version
metadata: métadonnée
meta description: méta-description, meta description, méta description, métadescription
title: titre
description: description
keyword: mot-clé, mots-clés, mots clés
alt text: texte alternatif
summarize: résum
summary: résumé
table: tableau
address: adresse
link: lien
name: nom
date: date
number: numéro
key: clé
value: valeur
field: champ
column: colonne
line: ligne
entry: entrée
duplicate: doublon, dupliqu
twice: deux fois, en double
uppercase: majuscule
lowercase: minuscule
indentation: indentation
spaces: espaces
difference: différence
option: option, paramètre
command: commande
look: regard, jette un œil, jetez un œil, coup d'œil
merge: merger, fusionn
queue: file!, files!, file d'attente
behaviour: comportement
consider: envisag, hésit
review: deuxième avis, second avis, avis extérieur
import: import
typo: faute de frappe, coquille
spelling: orthographe
grammar: grammaire
default value: valeur par défaut
`,
};

const pt: AlphabetLanguageData = {
  name: 'Portuguese',
  minStem: 4,
  letters: 'ãõ',
  markers:
    'os um uma uns umas de que para por da dos das na nas ao aos pelo pela pelos pelas com sem para pra não nao nunca nenhum nenhuma quem qual quais como porque onde quando é são está estão tem temos eu você vc voce ele ela nós meu minha nosso nossa nossos este esta esse essa isso isto todas cada mais muito também já ainda só apenas pode poderia deve devemos precisa preciso precisamos faz faça depois então obrigado aqui quero gostaria tá tô agora sempre nada algum alguma mesmo fazer fica ficar',
  functionWords: `o a os as um uma uns umas do da dos das no na nos nas ao aos à às pelo pela pelos pelas de em com=with sem=without por=by para=for pra=for pro=for e=and ou=or mas=but nem=nor
    não=not nao=not nunca=never nenhum=no nenhuma=no nada=nothing que quem=who qual=which quais=which como=how porque=because porquê=why onde=where quando=when quanto=how_much quantos=how_many quantas=how_many se=if
    é=is são=are está=is estão=are ser=be estar=be era=was foi=was tem=has têm=have temos=have tenho eu=i você=you vc=you voce=you ele ela eles=they elas=they nós=we me=me te
    meu=my minha=my meus=my minhas=my nosso=our nossa=our nossos=our nossas=our seu sua este=this esta=this estes=these estas=these esse=this essa=this esses=these essas=these isso=this isto=this aquele aquela
    todo=whole toda=whole todos=all todas=all cada=each mais=more muito=very muita=very também=also já=already ainda=still só=only somente=only apenas=only
    pode=can podes=can poderia=could consegue=can posso=can_i podemos=can_we faço=do_i fazemos=do_we devo=should_i deve=should devemos=should_we deveria=should deveríamos=should_we precisa=need preciso=need precisamos=need quero=want queremos=want gostaria=want
    faz faça fazer antes=before depois=after durante=during enquanto=while então=then entao=then aí=then obrigado=thanks obrigada=thanks favor aqui=here lá=there aqui=here tipo=like`,
  endings:
    'a as am ar e es em o os s amos emos imos ado ada ados adas ido ida idos idas ando endo indo ou ei eu iu ava avam ção ções são sões ão ões ia ias ico ica icos icas idade idades mente ável áveis ível íveis',
  lexicon: `
review: revis, revisão, review
code review: revisão de código, revisão do código, code review
check: verific, confer, checa
audit: audit, auditoria
security: segurança
secure: segur
vulnerability: vulnerab, vulnerabilidade, brecha, falha de segurança, falhas de segurança
injection: injeção
attack: ataque, atacante
permission: permiss
authentication: autenticação, autentic
authorization: autorização
password: senha
secret: segredo
encryption: criptografia, criptograf, cifr
compliance: conformidade, lgpd
threat: ameaça
threat model: modelo de ameaças, modelagem de ameaças
design: projetar!, projete!, projeta!, projetem!, desenh, design
architecture: arquitetur
system: sistema
decide: decid
decision: decisão
choose: escolh, selecion
compare: compar
tradeoff: compromisso
pros and cons: prós e contras, vantagens e desvantagens
versus: ou então
risk: risco
recommend: recomend, aconselh
evaluate: avali
analyze: analis, análise
plan: plan, planej
propose: propo, propor, proposta, propõe
strategy: estratégia
refactor: refator, refatoração, refactor, refactoring
restructure: reestrutur
rewrite: reescrev
migration: migr, migração
split: divid, separ, quebr
root cause: causa raiz, causa real, root cause
cause: causa
investigate: investig
find out: descobr
find out why: descobre por que, descobrir por que, descobre o porquê
find: encontr, ache, achar, procur
why: por que, por quê
intermittent: intermitent
sometimes: às vezes, as vezes, algumas vezes
occasionally: de vez em quando, ocasionalmente, raramente
sporadic: esporádic
randomly: aleatori, aleatóri
flaky: instável, instáveis, flaky
race condition: condição de corrida, condições de corrida, race condition
deadlock: deadlock, impasse
memory leak: vazamento de memória, memory leak
leak: vazamento, vaza
corrupt: corromp, corrompid
nondeterministic: não determinístic, não-determinístic
under load: sob carga
load: carga
only in production: só em produção, só em production, apenas em produção, só na produção
production: produção, production
difficult: difícil, difíceis
complex: complex
tricky: chato, delicad
subtle: sutil
thorough: minucios, a fundo, detalhadamente, com cuidado
in depth: em profundidade, em detalhe
critical: crític
quick: rápid, rapidinho
simple: simples
small: pequen
short: curt, breve
minor: menor
entire codebase: todo o código, toda a base de código, todo o repositório, todo o projeto
entire system: todo o sistema
entire app: toda a aplicação, todo o app
all services: todos os serviços
all modules: todos os módulos
across all: em todos os
everywhere: em todo lugar, em todos os lugares
cross cutting: transversal
codebase: base de código
unclear: não está claro, pouco claro, não ficou claro
vague: vago, vaga
ambiguous: ambígu
not sure: não tenho certeza, não sei se
don't know: não sei, não sabemos
conflicting: contradit, contradiz, conflitant
requirement: requisit
spec: especificação
concurrency: concorrência
consistency: consistência
distributed: distribuíd
scalability: escalab
microservice: microsserviço, microserviço
monolith: monolit, monólito
tenant: tenant, inquilino
multi tenant: multitenant, multi-tenant, multilocatário
isolation: isolamento
data model: modelo de dados
schema: esquema, schema
database: banco de dados, bancos de dados, base de dados
domain: domínio
transaction: transação
idempotency: idempotênc
lock: lock, trava
rollback: rollback, reverter
downtime: downtime, indisponibilidade
legacy: legado
performance: desempenho, performance
slow: lent
payment: pagamento
billing: cobrança, faturamento
write: escrev
add: adicion, acrescent, coloc
create: cria, criar, crie, criem
implement: implement
build: constru, construa
develop: desenvolv
fix: corrig, consert, arrum, resolv
debug: depur, debug
error: erro
bug: bug, bugs
crash: crash
fail: falh
test: teste, testa
unit test: teste unitário, testes unitários, teste de unidade, testes de unidade
integration test: teste de integração, testes de integração
test case: caso de teste
edge case: caso de borda, casos de borda, caso limite
endpoint: endpoint, endpoints
function: função, funç
component: componente
page: página
screen: tela
button: botão
form: formulário
validation: validação, valid
script: script
feature: funcionalidade
module: módulo
service: serviço
query: consulta, query
config: configuração, configur
deploy: deploy, implant
update: atualiz
change: mud, alter
modify: modific
improve: melhor
optimize: otimiz
cache: cache
retry: retentativa, retry
pagination: paginação
filter: filtr
log: log, logs, registro
explain: explic
documentation: documentação
document: document
comment: comentário
draft: rascunho
email: e-mail
article: artigo
guide: guia, tutorial
code: código
convert: convert, convers
transform: transform
translate: traduz, tradução
format: format
sort: orden
alphabetical order: ordem alfabética, alfabeticamente
extract: extrai, extrair, extraia, extraia, extração
list: list, lista, listagem
collect: colet, junt
count: contar!, conte!, conta quantos
how many: quantos, quantas
classify: classific
categorize: categoriz
category: categoria
tag: etiquet, tag, taguei
label: rotul
sentiment: sentimento
group: agrup
commit message: mensagem de commit, mensagens de commit, mensagem do commit, commit message
commit: commit, commits, comita
changelog: changelog, registro de alterações
release notes: notas de versão, notas da versão, release notes
branch: branch
rename: renome
version: versão, versões
bump: sobe, subir
metadata: metadad
meta description: meta descrição, meta descrições, metadescrição, descrição meta
title: título
description: descrição
keyword: palavras-chave, palavra-chave
alt text: texto alternativo
summarize: resum
summary: resumo
table: tabela
address: endereço
link: link
name: nome
number: número
key: chave
value: valor
field: campo
column: coluna
line: linha
entry: entrada
duplicate: duplicad
twice: duas vezes
uppercase: maiúscula
lowercase: minúscula
indentation: indentação
spaces: espaços
difference: diferença
option: opção, parâmetro
command: comando
look: olha, olhar, dá uma olhada, da uma olhada, dar uma olhada
merge: mergear, merge
behaviour: comportamento
consider: consider, pensando em
review: segunda opinião
import: import, importação
typo: erro de digitação, erros de digitação
spelling: ortografia
grammar: gramática
default value: valor padrão, valor default
`,
};

const it: AlphabetLanguageData = {
  name: 'Italian',
  minStem: 4,
  elisions: "l' d' dell' all' dall' nell' sull' un' c' quest' dov' com' cos' po'",
  letters: 'ìò',
  markers:
    'il lo la un una con del al gli della dei degli delle nel nella nei sul sulla dal dalla tra senza che chi cosa perché perche dove quando quale quali è sono ho abbiamo hanno noi voi questo questa questi queste quello quella nostro nostra nostri nostre tutti tutte ogni più molto anche già ancora soltanto puoi può potresti dobbiamo dovrebbe dovremmo fammi fai dopo mentre poi quindi allora grazie ecco vorrei sempre mai niente nulla qualche alcuni alcune fatto deve devo voglio bisogna mio mia',
  functionWords: `il lo la i gli le un uno una di del dello della dei degli delle a al allo alla ai agli alle da dal dallo dalla dai dagli dalle in nel nello nella nei negli nelle su sul sullo sulla sui sugli sulle
    con=with per=for tra=between fra=between e=and ed=and o=or ma=but né=nor non=not senza=without mai=never nessun=no nessuno=no nessuna=no niente=nothing nulla=nothing
    che chi=who cosa=what come=how perché=why perche=why dove=where quando=when quale=which quali=which quanto=how_much quanti=how_many quante=how_many se=if
    è=is sono=are era=was essere=be ho ha hai abbiamo=have avete hanno io=i tu=you lui lei noi=we voi=you loro=they mi=me ti ci=us si ne
    questo=this questa=this questi=these queste=these quel quello=that quella=that quelli quelle mio mia miei mie nostro=our nostra=our nostri=our nostre=our vostro
    tutto=whole tutta=whole tutti=all tutte=all ogni=each ciascun ciascuno=each ciascuna=each più=more molto=very anche=also già=already ancora=still solo=only soltanto=only solamente=only
    puoi=can può=can potresti=could posso=can_i possiamo=can_we faccio=do_i facciamo=do_we devo=should_i devi=must deve=must dobbiamo=must dovrebbe=should dovremmo=should_we bisogna=need serve=need vorrei=want voglio=want
    fammi fai fa prima=before dopo=after mentre=while poi=then quindi=so allora=then grazie=thanks favore ecco qui=here lì=there là=there tipo=like`,
  endings:
    'a e i o are ere ire ato ata ati ate ito ita iti ite uto uta uti ute ando endo iamo ano ono isci isce iscono ione ioni zione zioni mente ico ica ici iche ità abile abili ibile ibili',
  cliticHosts: 'a i e are ere ire ate ete ite',
  clitics: 'lo la li le mi ci ne gli glielo melo',
  lexicon: `
review: revision, revisiona, rivedi, rivedere, review
code review: revisione del codice, revisione di codice, code review
check: controll, verific, check
audit: audit, verifica di sicurezza
security: sicurezza
secure: sicur
vulnerability: vulnerabil, falla, falle di sicurezza
injection: iniezion
attack: attacco, attacchi, attaccante
permission: permess
authentication: autenticazione, autentic
authorization: autorizzazione
password: password
secret: segreto, segreti
encryption: cifratura, crittograf
compliance: conformità, gdpr
threat: minaccia, minacce
threat model: modello delle minacce
design: progett, progettazione, design
architecture: architettur
system: sistema, sistemi!
decide: decid
decision: decisione
choose: scegli, sceglie, scegliere, scelta
compare: confront
tradeoff: compromess
pros and cons: pro e contro, vantaggi e svantaggi
versus: rispetto a
risk: rischi, rischio
recommend: consigli, raccomand
evaluate: valut
analyze: analizz, analisi
plan: pianific, piano
propose: propon, proponi, proposta
strategy: strategia
refactor: refactoring, refactor, rifattorizz, rifattorizzazione
restructure: ristruttur
rewrite: riscriv
migration: migr, migrazione
split: divid, separ, spezz
root cause: causa principale, causa radice, causa reale, vera causa, causa alla radice, root cause
cause: causa
investigate: indag
find out: scopri, scoprire
find out why: scopri perché, capire perché, capisci perché
find: trova, trovare, cerca
intermittent: intermittent
sometimes: a volte, talvolta, qualche volta
occasionally: ogni tanto, di tanto in tanto, occasionalmente, raramente
sporadic: sporadic
randomly: casual, a caso
flaky: instabil, flaky
race condition: race condition, condizione di gara, condizioni di gara, corsa critica
deadlock: deadlock, stallo
memory leak: memory leak, perdita di memoria, perdite di memoria
leak: perdita, leak
corrupt: corrott, corromp
nondeterministic: non deterministic
under load: sotto carico
load: carico
only in production: solo in produzione
production: produzione
difficult: difficil
complex: compless
tricky: delicat, spinos
subtle: sottil
thorough: approfondit, accurat, a fondo, con attenzione
in depth: in dettaglio, dettagliat
critical: critic
quick: veloce, rapid, velocemente
simple: semplic, semplice
small: piccol
short: brev, cort
minor: minor
entire codebase: tutto il codice, tutta la codebase, tutto il repository, tutto il progetto
entire system: tutto il sistema, l'intero sistema
entire app: tutta l'applicazione, tutta l'app
all services: tutti i servizi
all modules: tutti i moduli
across all: in tutti i
everywhere: ovunque, dappertutto
cross cutting: trasversal
codebase: codebase, base di codice
unclear: poco chiar, non è chiaro, non chiaro
vague: vag
ambiguous: ambigu
not sure: non sono sicuro, non sono sicura, non so se
don't know: non so
conflicting: contraddittori, contraddic, in conflitto
requirement: requisit
spec: specifica, specifiche
concurrency: concorrenza
consistency: consistenza, coerenza
distributed: distribuit
scalability: scalabil
microservice: microservizi, microservizio
monolith: monolit
tenant: tenant
multi tenant: multi-tenant, multitenant
isolation: isolamento
data model: modello dati, modello dei dati
schema: schema
database: database, base di dati
domain: dominio
transaction: transazion
idempotency: idempoten
lock: lock, blocco
rollback: rollback
downtime: downtime, disservizio
legacy: legacy, ereditato
performance: prestazion, performance
slow: lent
payment: pagament
billing: fatturazione
write: scriv
add: aggiung, aggiungi
create: crea, creare, creami
implement: implement
build: costru
develop: svilupp
fix: corregg, corrett, sistem, risolv, ripar
debug: debugg
error: errore, errori
bug: bug
crash: crash, va in crash, si blocca
fail: fallisc, fallito, fallisce
test: test
unit test: test unitario, test unitari, unit test
integration test: test di integrazione
test case: caso di test, casi di test
edge case: caso limite, casi limite
endpoint: endpoint
function: funzion
component: component
page: pagina
screen: schermata
button: pulsante, bottone
validation: validazion, valid
script: script
feature: funzionalità
module: modul
service: servizio, servizi
query: query, interrogazion
config: configurazione, configur
deploy: deploy, rilasci
update: aggiorn
change: cambi, modifich, modifica
improve: miglior
optimize: ottimizz
cache: cache
retry: riprov, retry
pagination: paginazion
filter: filtr
log: log
explain: spieg
documentation: documentazione
document: document
comment: commento, commenti
draft: bozza
email: email, e-mail, mail
article: articolo
guide: guida
code: codice
convert: convert, conversion
transform: trasform
translate: tradu, traduzione
format: formatt, formato
sort: ordin
alphabetical order: ordine alfabetico, alfabeticamente
extract: estra, estrai, estrarre
list: elenc, lista
collect: raccogli
count: contare!, conta quanti, conta le, conta i
how many: quanti, quante
classify: classific
categorize: categorizz
category: categoria, categorie
tag: tagg, tag
label: etichett
sentiment: sentiment
group: raggrupp
commit message: messaggio di commit, messaggi di commit, messaggio del commit, commit message
commit: commit
changelog: changelog
release notes: note di rilascio, release notes
branch: branch, ramo
rename: rinomin
version: version
bump: alza, alzare, incrementa
metadata: metadat
meta description: meta descrizione, meta descrizioni, metadescrizione, meta description
title: titol
description: descrizion
keyword: parole chiave, parola chiave
alt text: testo alternativo
summarize: riassum, riassunto
summary: sintesi
table: tabell
address: indirizz
link: link, collegament
name: nome, nomi
number: numero, numeri
key: chiave, chiavi
value: valore, valori
field: campo, campi
column: colonna, colonne
line: riga, righe
entry: voce, voci
duplicate: duplicat
twice: due volte, doppio, doppia
uppercase: maiuscol
lowercase: minuscol
indentation: indentazione
spaces: spazi
difference: differenza
option: opzione, parametro
command: comando
look: guarda, guardare, dai un'occhiata, dare un'occhiata
merge: mergiare, merge
behaviour: comportamento
consider: consider
review: secondo parere
import: import
typo: refuso, refusi, errore di battitura, errori di battitura
spelling: ortografia
grammar: grammatica
default value: valore predefinito, valore di default
`,
};

const ru: AlphabetLanguageData = {
  name: 'Russian',
  minStem: 3,
  markers: '',
  functionWords: `и=and а=and но=but или=or либо=or не=not нет=no без=without никогда=never ни в=in во=in на=on с=with со=with к=to ко у=at по=by из=from от=from до=before для=for о=about об обо за при через=through
    после=after перед=before между=between что=what чтобы=so как=how почему=why зачем=why где=where когда=when какой=which какая=which какие=which какую=which какое=which каких=which сколько=how_many ли=whether если=if
    это=this этот=this эта=this эти=these этого=this этой=this этом=this этим=this этих=these тот та те то там=there тут=here здесь=here
    я=i ты=you вы=you мы=we он она они=they оно мне=me меня=me нам=us нас=us наш=our наша=our наше=our наши=our нашего=our нашей=our нашем=our нашу=our наших=our нашим=our
    мой моя мое мои свой свою свои своего его ее их все=all всех=all всем=all всеми=all всё=whole весь=whole вся=whole всего=whole всю=whole всей=whole каждый=each каждую=each каждого=each каждой=each каждом=each каждое=each
    очень=very еще=still ещё=still уже=already только=only тоже=also также=also же бы пожалуйста=please плиз=please можешь=can можно=can_one нужно=need надо=need нужен=need нужна=need
    следует=should давай=let's есть=is был=was была=was были=were будет=will быть=be сейчас=now просто=just вот проведи проведите провести сделай=make`,
  endings:
    'а я о е ё ы и у ю ь й ой ей ом ем ам ям ах ях ами ями ов ев ью ия ие ии ию ий ый ая ое ые ого его ому ему ую юю ым им ых их ыми ими ть ти ать ять ить еть уть ите ьте йте ай айте яй ей уй уйте ешь ет ете ут ют ит ят ишь ла ло ли ал ала али ил ила или ся сь ться тся ется ются ится ятся ение ения ению ением ении ений ениями ация ации ацию ацией аций ировать ирование ирования ированием ируй ируйте ирует ировал ированный ость ости остью ка ку ки ке кой ный ная ное ные ного ной ным ных ную ние ния нию нием ний',
  lexicon: `
review: ревью, ревьюи, отревью, просмотри
code review: код ревью, кодревью, код-ревью
check: провер
audit: аудит
security: безопасн
vulnerability: уязвим
injection: инъекц
attack: атак
permission: права доступа, прав доступа, правами доступа, разрешени
access: доступ
authentication: аутентификац
authorization: авторизац
password: пароль, пароля, пароли
secret: секрет
token: токен
encryption: шифрован
threat: угроз
threat model: модель угроз
design: спроектир, проектир, дизайн
architecture: архитектур
system: систем
decide: реши, решить
decision: решени
choose: выбер, выбрать, выбор
compare: сравн
tradeoff: компромисс
pros and cons: плюсы и минусы, за и против
should we: стоит ли
risk: риск
recommend: рекоменд, посовет
evaluate: оцен
analyze: анализ, проанализир
plan: план
propose: предлож
strategy: стратеги
refactor: рефактор, отрефактор
rewrite: перепиш, переписа
migration: миграц, мигрир, перенес, перенос
split: раздел, разби, разбей
root cause: первопричин, корневая причина, корневую причину, корневой причины, настоящую причину, настоящая причина, истинную причину
cause: причин
investigate: расследу, исследу
figure out: разбер, разобра
find out: выясн
find: найд, найти, ищи, искать, поищи
intermittent: периодическ, эпизодическ
sometimes: иногда, порой
occasionally: время от времени, изредка, редко
sporadic: спорадическ
randomly: случайн, рандомн
flaky: нестабильн, плавающ, флаки
race condition: состояние гонки, состояния гонки, гонка данных, гонки данных, race condition
race: гонк
deadlock: дедлок, взаимоблокировк, взаимная блокировка
memory leak: утечка памяти, утечку памяти, утечки памяти
leak: утечк, течет
corrupt: поврежд, портятся!, портит!, бьются
nondeterministic: недетерминирован
under load: под нагрузкой
load: нагрузк
only in production: только на проде, только в продакшене, только в проде
production: прод, продакшн, продакшен, продакшене, продакшена
difficult: трудн
complex: сложн
tricky: хитр, каверзн
subtle: тонк
thorough: тщательн, внимательн
in depth: подробн, детальн
critical: критичн
quick: быстр
simple: прост
small: небольш, маленьк
short: кратк, коротк
minor: мелк
entire codebase: весь код, всю кодовую базу, вся кодовая база, всей кодовой базе, весь проект, всему проекту, всем проекте
all services: все сервисы, всех сервисах, всех сервисов, всем сервисам
all modules: все модули, всех модулях, всех модулей
everywhere: везде, повсюду
codebase: кодовая база, кодовую базу, кодовой базы
unclear: неясн, непонятн
vague: размыт, расплывчат
ambiguous: неоднозначн
not sure: не уверен, не уверена
don't know: не знаю
conflicting: противореч
requirement: требовани
spec: спецификац, тз
concurrency: конкурентн, многопоточн, параллельн
consistency: консистентн, согласованн
distributed: распределенн
scalability: масштабир
microservice: микросервис
monolith: монолит
tenant: тенант, арендатор
isolation: изоляц
data model: модель данных, модели данных
model: модел
schema: схем
database: база данных, базу данных, базы данных, базе данных, бд
domain: домен
transaction: транзакц
idempotency: идемпотентн
lock: блокировк
rollback: откат
downtime: даунтайм
legacy: легаси, устаревш
performance: производительн
slow: медленн, тормоз
payment: платеж, оплат
write: напиш, написа, пиши
add: добав
create: созда, создай
make: сдела
implement: реализ, имплементир
build: постро, собер, собрать
develop: разработ
fix: исправ, почин, пофикс, поправ
debug: отлад, дебаг
error: ошибк
bug: баг
crash: крэш, краш, пада
fail: упал, упада, проваливается
test: тест
unit test: юнит тест, юнит-тест, модульный тест, модульные тесты, юнит тесты
integration test: интеграционный тест, интеграционные тесты
test case: тест кейс
edge case: граничный случай, граничные случаи, крайние случаи
endpoint: эндпоинт, ручк
function: функци
component: компонент
page: страниц
screen: экран
button: кнопк
form: форм
validation: валидац
script: скрипт
feature: фич
module: модул
service: сервис, служб
query: запрос
config: конфиг
settings: настройк
deploy: деплой, развертыван, разверн
update: обнов
change: измен, поменя
improve: улучш
optimize: оптимизир
cache: кеш, кэш
retry: повтор
pagination: пагинац
filter: фильтр
log: лог, логи, логах, логов, логам
explain: объясн
documentation: документац
document: документир
comment: комментари
draft: черновик
email: письм, почт
article: стать
post: пост
code: код
convert: конвертир, преобраз, сконвертир
translate: перевед, перевод, переведи
format: отформатир, форматир, формат
sort: отсортир, сортир
alphabetical order: по алфавиту
extract: извлек, извлеч
pull out: вытащ
list: список, перечисл, выпиш
count: посчита, подсчит
how many: сколько
classify: классифицир
category: категори
tag: помет, тег
label: метк, ярлык
sentiment: тональн
group: сгруппир, группир
commit message: сообщение коммита, сообщение для коммита, коммит сообщение, сообщение к коммиту
commit: коммит
push: пуш
changelog: ченджлог, чейнджлог, журнал изменений
release notes: заметки к релизу, примечания к выпуску, релиз ноуты
branch: ветк
rename: переименуй, переименова
version: верси
bump: подними, повыс
metadata: метаданн
meta description: мета описание, мета-описание, метаописани
title: заголов
name: названи, имя, имена, имени
description: описани
keyword: ключевые слова, ключевых слов
alt text: альтернативный текст
summarize: кратко изложи, резюмир, суммир
summary: краткое содержание
table: таблиц
address: адрес
link: ссылк
date: дат
number: номер
key: ключ
value: значени
field: поле, поля, полей
column: столбц, столбец, колонк
line: строк
entry: запис
duplicate: дубл
twice: дважды
uppercase: заглавн
indentation: отступ
spaces: пробел
tabs: таб
difference: разниц, отлич
option: опци, параметр
flag: флаг
command: команд
look: посмотри, глянь, взгляни
merge: мерж, смерж, смердж
behaviour: поведени
consider: рассматрива, дума
review: второе мнение
import: импорт
typo: опечатк
spelling: орфограф
grammar: грамматик
default value: значение по умолчанию
what is: что такое
`,
};

export const ALPHABET_LANGUAGES = { de, es, fr, pt, it, ru } as const;
