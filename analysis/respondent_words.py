"""The words by which a reply says who speaks, for analysis.respondent_org: a person's own
statement ("som privatperson"), a library or citizens' service passing on a citizen's letter,
"på vegne af" and "Høringssvar fra" before a body's name, the writers' description of
themselves, and the job titles that stand between a person's name and an employer.

General Danish (and English) letter usage, not the words of any one reply.
"""

from __future__ import annotations

import re

from hoering.vocab import RespondentType

_I = re.IGNORECASE
# "som privatperson", "på egne vegne", "privat høringssvar": the writer says it is a person.
# The alternatives after a word boundary share one "\b(?:...)" in their order: tested once per
# position, not once per alternative (re factors a prefix only if every alternative has it).
PRIVATE_STATEMENT = re.compile(
    r"\b(?:som\s+privat\s*person\b|på\s+egne\s+vegne\b)|\(\s*privatperson\s*\)"
    # "Ib Lund (privat)" as a line of its own; not "Tlf. (privat): ..." in an office's block.
    r"|(?m:^[^\d\n(:]{2,60}\(\s*privat\s*\)[ \t]*$)"
    # "som borger" alone is prose in an organisation's letter ("let som borger at finde").
    r"|\b(?:(?:jeg|mig)\b(?:\s+\w+){0,4}\s+som\s+"
    r"(?:(?:privat|almindelig|menig|interesseret|engageret|bekymret|aktiv)\s+)?borger\b"
    r"|privat(?:e)?\s+høringssvar\b|personligt\s+høringssvar\b|i\s+eget\s+navn\b"
    # "ikke på vegne af min arbejdsgiver", "ikke på vegne af KL": the employer does not speak.
    r"|ikke\s+(?:på\s+vegne\s+af|som\s+repræsentant\s+for|i\s+min\s+egenskab\s+af)\s+"
    r"(?:min|mit|mine|nogen|arbejdsgiver\w*|(?-i:[A-ZÆØÅ]))"
    r"|ikke\s+som\s+ansat\b|i\s+privat\s+regi\b|i\s+min\s+private?\s+egenskab\b"
    # "Jeg skriver fra min arbejdsmail, men ... ikke min arbejdsplads'": a body never says
    # which of its addresses it writes from, a person who borrows one does.
    r"|(?:fra|via)\s+min\s+arbejds(?:mail|e-?mail|adresse|konto)\b"
    r"|ikke\s+(?:min|mit|vores)\s+arbejds(?:plads|giver)\w*"
    r"|from\s+my\s+work\s+(?:e-?mail|address|account)\b"
    r"|(?:min|mine)\s+(?:egne?|personlige?)\s+(?:synspunkt(?:er)?|holdning(?:er)?"
    r"|mening(?:er)?|betragtning(?:er)?)\b"
    r"|synspunkterne\s+er\s+(?:alene\s+)?mine\b"
    r"|as\s+a\s+private\s+(?:person|citizen|individual)\b"
    r"|in\s+(?:a|my)\s+(?:personal|private)\s+capacity\b|in\s+my\s+own\s+name\b"
    r"|not\s+(?:on\s+behalf\s+of|representing)\s+my\b|speaking\s+for\s+myself\b"
    r"|views\s+(?:below\s+|expressed\s+(?:here\s+)?)?are\s+my\s+own\b"
    r"|my\s+(?:own|personal)\s+views\b"
    r"|jeg\s+er\s+(?:\w+\s+){0,2}?(?:borger|privatperson|pensionist|studerende)\b"
    r"|I\b(?:\s+\w+){0,4}\s+as\s+an?\s+(?:\w+\s+)?(?:citizen|resident|individual)\b)",
    _I,
)
# A library or citizens' service that passes on a citizen's letter speaks for nobody: said
# in the cover note of the mail (a letter's example "en borger har henvendt sig" is not).
PASSED_ON = re.compile(
    r"\bhar\s+bedt\s+(?:os|mig)\s+(?:om\s+)?at\s+(?:videre)?sende\b"
    r"|\b(?:bad|beder)\s+(?:os|mig)\s+(?:om\s+)?(?:at\s+)?(?:videre)?sende\b"
    r"|\ben\s+af\s+vores\s+(?:lånere|borgere|brugere|beboere)\b"
    r"|\b(?:vi\s+sender|sender\s+vi)\s+(?:den|det|dem|henvendelsen)\s+videre\b"
    r"|\b(?:henvendelse|brev|forslag|høringssvar|bidrag)\s+fra\s+(?:en\s+)?"
    r"(?:borger|låner|bruger|beboer)\b"
    r"|\b(?:en|vores)\s+(?:borger|låner|bruger|beboer)\s+(?:har\s+)?"
    r"(?:afleveret|indleveret|skrevet|bedt|afleverede|indleverede)\b"
    r"|\bpå\s+vegne\s+af\s+en\s+(?:\w+\s+)?(?:borger|låner|bruger|beboer)\b"
    r"|\bpå\s+(?:borgerens|lånerens|brugerens|beboerens)\s+vegne\b"
    # "Vi har haft besøg af en borger, som gerne ville give et forslag"
    r"|\bbesøg\s+af\s+en\s+(?:ældre\s+)?(?:borger|låner|bruger|beboer)\b"
    r"|\bon\s+behalf\s+of\s+(?:a|one\s+of\s+our)\s+(?:citizen|resident|patron|borrower)s?\b",
    _I,
)
ON_BEHALF_ORG = re.compile(
    r"\b(?:på\s+vegne\s+af|on\s+behalf\s+of|indsendt\s+af|submitted\s+by"
    r"|(?:høringssvar|bemærkninger|kommentarer)\s+fra"
    # "Hermed brev fra Ry Lokalhistoriske Forening", not "jeg har læst et brev fra KL".
    r"|(?:hermed|vedlagt|vedhæftet)\s+(?:\w+\s+){0,3}?(?:brev|bidrag|input)\s+fra)"
    r":?\s+(?P<rest>[^\n.;:!?]{2,120})",
    _I,
)
# "på vegne af vores medlemsorganisation Dansk Skoleidræt", "on behalf of our member
# organisation X": the words before the name say it is a body (not "medlem": a person). In
# lower case: "Foreningen Åbne Data" is the name itself.
KIND_OF_BODY = re.compile(
    r"^(?:(?:vores|vor|deres|sin|sit|our|their|its)\s+)?(?:[a-zæøå]*(?:organisation|organization"
    r"|forening|association)(?:en)?|member\s+organi[sz]ation)\s+(?=[A-ZÆØÅ])"
)
# A subject says more briefly whose reply it is: "OGP-høring - input fra Open Knowledge".
SUBJECT_FROM = re.compile(
    r"\b(?:på\s+vegne\s+af|on\s+behalf\s+of"
    r"|(?:høringssvar|bemærkninger|kommentarer|input|bidrag|svar|forslag|comments)\s+(?:fra|from))"
    r":?\s+(?P<rest>[^\n.;:!?]{2,120})",
    _I,
)
# "på vegne af bestyrelsen i Foreningen X": the body's board or office speaks for the body.
BODY_PART = re.compile(
    r"^(?:(?:bestyrelsen|hovedbestyrelsen|sekretariatet|styregruppen|formandskabet|ledelsen"
    r"|direktionen|forretningsudvalget|repræsentantskabet|landsledelsen|medlemmerne"
    r"|(?:the\s+)?(?:board|secretariat|members))\s+(?:i|for|af|hos|ved|of|at)\s+|the\s+)",
    _I,
)
# "Vi er et mindre softwarefirma": the writers say what kind of body they are.
SELF_DESCRIPTION = (
    (
        RespondentType.VIRKSOMHED,
        re.compile(
            r"\b(?:vi\s+er|we\s+are)\s+(?:et|en|a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]*"
            r"(?:firma|virksomhed|konsulenthus|bureau|company|firm)\b"
            r"|\b(?:vores|vor)\s+(?:virksomhed|firma|company)\b",
            _I,
        ),
    ),
    (
        RespondentType.ORGANISATION,
        re.compile(
            r"\b(?:vi\s+er|we\s+are)\s+(?:et|en|a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]*"
            r"(?:forening|organisation|netværk|association|organization|ngo)\b"
            r"|\b(?:vores|vor)\s+(?:forening|organisation|medlemmer|medlemsorganisationer)\b"
            r"|\bour\s+(?:members|organi[sz]ation|association)\b",
            _I,
        ),
    ),
)
# Job titles that stand between a person's name and an employer in a signature.
TITLE = re.compile(
    r"(?i:konsulent|chef|direktør|formand|forkvinde|næstformand|sekretær|rådgiver|leder"
    r"|fuldmægtig|specialist|analytiker|koordinator|medarbejder|ansvarlig|advokat|partner"
    r"|ordfører|talsperson|talsmand|talskvinde|projektleder|seniorforsker|forsker|professor"
    r"|lektor|adjunkt|postdoc|ph\.d|økonom|jurist|sagsbehandler|kasserer|stifter"
    r"|bestyrelsesmedlem|borgmester|rådmand|redaktør|bibliotekar|forperson|indehaver"
    r"|praktikant|medhjælp|assistent|arkitekt|analyst|fellow|counsel|campaigner|owner"
    r"|adviser|advisor|officer|manager|director|head\s+of|policy|ceo|cto|coo|founder"
    r"|chair|president|researcher|coordinator|secretary|board\s+member)"
)
# "Formand for Ældrerådet i Vejle Kommune": a title, a preposition, then the employer.
TITLE_OF = re.compile(
    r"^\W*(?P<title>(?:[\w.-]+\s+){0,2}?[\w.-]*" + TITLE.pattern + r"[\w.-]*)"
    r"\s+(?:for|i|af|hos|ved|på|of|at)\s+(?P<org>.+)$"
)
# Elected officers of an association, who often write from a private address: "Formand".
OFFICER = re.compile(
    r"(?i:formand|forkvinde|forperson|kasserer|bestyrelsesmedlem|talsperson|chair|president"
    r"|board\s+member)"
)
FORMER = re.compile(r"(?i:pensioner|tidligere|fhv\.|forhenværende|retired|former|emerit)")
# A library or a citizens' service that forwards what it was handed: the office is named in
# the sender or the signature, and the mail's own words say it forwards.
FORWARDING_OFFICE = re.compile(
    r"\bbibliotek\w*|\bborgerservice\w*|\bborgerrådgiver\w*|\bborgerbutik\w*|\bborgerkontor\w*"
    r"|\blibrar(?:y|ies)\b|\bcitizens?\s+service\b",
    _I,
)
FORWARD_VERB = re.compile(
    r"\bvideresend\w*|\bvideregive\w*|\bsend(?:er|e)\s+(?:hermed\s+)?(?:vedlagte|nedenstående"
    r"|vedhæftede)\b|\bsend(?:er|e)\s+\w+\s+videre\b|\bforward\w*"
    # "Jeg har skrevet forslaget af efter hans håndskrevne brev": the office typed it up.
    r"|\b(?:ren)?skrev(?:et)?\s+(?:\w+\s+){0,2}?af\s+efter\b|\bhåndskrevne?\b",
    _I,
)
# "Borger i Holbæk Kommune", "Medlem af Ældre Sagen": a person says where they live or
# belong; the body named speaks no more than a town does.
PERSONAL_TIE = re.compile(
    r"^\W*(?:stud\.(?=\w)"  # "stud.scient.pol., Aarhus Universitet": a student, not the university
    r"|(?:borger|beboer|bosiddende|bosat|indbygger|medlem|menigt\s+medlem|aktiv|studerende"
    r"|elev|pensionist|førtidspensionist|frivillig|forælder|forældre|mor|far|bruger|patient"
    r"|pårørende|låner|kunde|ansat|tidl\.?|tidligere|fhv\.?|member|resident|citizen|student"
    r"|volunteer)\b)",
    _I,
)
# "Forslag til Digitaliseringsstyrelsen", "Høringssvar til Finansministeriet": a heading
# that names the document and its recipient, not a sender.
DOCUMENT_WORD = re.compile(
    r"^\W*(?:høringssvar|høring|forslag|svar|bidrag|input|kommentarer|bemærkninger|brev"
    r"|vedr\.?|vedrørende|ang\.?|angående|emne|sendt|re|sv|vs|fw|fwd|response|comments"
    r"|submission)\b",
    _I,
)
