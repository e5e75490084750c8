"""Demo data for Lunds Överenskommelse, taken from the documents in `shared/seeds/`.

Pure data: no database access and no model imports, so it can be read anywhere.
`overenskommelse.demo.load.foundation.demo_data_load` writes it to the database.

Names, dates, numbers, titles and diarienummer are copied exactly from the seeds;
longer passages are short summaries in our own words. Each body and organisation
records the seed(s) it comes from in `source` (the number before the underscore in
the seed's file name):

- 003: kommunkontorets tjänsteskrivelse on Kommunalt partnerskap (KS 2019/0835).
- 004: the remiss letter for the handlingsplan (KS 2020/0882), kommunfullmäktige
  2019-01-31 § 16 (dnr KS 2016/0688), kommunstyrelsens arbetsutskott 2020-11-23 § 442,
  the Överenskommelse (revised version 2018-06-26) and the handlingsplan 2021–2024
  (remissversion).

Seeds 000–002 concern Uppsala kommun and SKR/SKL, so none of their bodies is here.
"""

from dataclasses import dataclass
from datetime import date

# --------------------------------------------------------------------------------------
# Överenskommelsen (seed 004)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrincipleData:
    number: int
    name: str
    description: str


@dataclass(frozen=True)
class CommitmentData:
    number: int
    name: str
    description: str
    # Names of the principles the commitment cites in brackets in the seed, in the
    # seed's order. "Uppföljning och utvärdering" cites none.
    principles: tuple[str, ...]


@dataclass(frozen=True)
class AgreementData:
    title: str
    version_date: date
    purpose: str
    goals: str
    parties: str
    adopted_by: str
    principles: tuple[PrincipleData, ...]
    commitments: tuple[CommitmentData, ...]
    affiliation: str = ""  # the section "Anslutning"
    withdrawal: str = ""  # the section "Utträde"


INTEGRITET = "Integritet och oberoende"
OPPENHET = "Öppenhet och insyn"
KVALITET = "Kvalitet"
LANGSIKTIGHET = "Långsiktighet"
DIALOG = "Dialog"
MANGFALD = "Mångfald"

PRINCIPLES: tuple[PrincipleData, ...] = (
    PrincipleData(
        1,
        INTEGRITET,
        "Föreningar och organisationer ska kunna granska kommunen kritiskt och verka "
        "självständigt utan att riskera sitt offentliga stöd. De är oberoende röstbärare "
        "och opinionsbildare och ansvarar själva för sin organisation, styrning och "
        "finansiering.",
    ),
    PrincipleData(
        2,
        OPPENHET,
        "Samverkan bygger på ömsesidig öppenhet. Föreningar ska enkelt kunna följa "
        "kommunens handläggning och de beslut som rör idéburen sektor, och kommunen ska "
        "vid behov, inom ramen för regler om bidrag och upphandling, kunna få veta hur "
        "föreningarnas verksamhet går.",
    ),
    PrincipleData(
        3,
        KVALITET,
        "Organisationerna avgör och säkrar själva kvaliteten i sin verksamhet. När de "
        "utför uppdrag åt kommunen ställer kommunen krav på kvalitet och tillgänglighet. "
        "Kvaliteten följs upp och utvärderas med respekt för parternas olika villkor.",
    ),
    PrincipleData(
        4,
        LANGSIKTIGHET,
        "Kommunen ska sträva efter långsiktighet i beslut och insatser som påverkar "
        "idéburen sektors villkor. Samverkan ska ha tydlig struktur och kontinuitet så att "
        "idéer och resultat tas till vara hållbart.",
    ),
    PrincipleData(
        5,
        DIALOG,
        "Samverkan vilar på en fortlöpande, öppen och återkommande dialog som främjar "
        "gemensam utveckling och kunskapsutbyte, med respekt för parternas olika "
        "perspektiv.",
    ),
    PrincipleData(
        6,
        MANGFALD,
        "Kommunen och idéburen sektor arbetar tillsammans för att många olika föreningar "
        "ska delta i arbetet med Överenskommelsen, så att olika Lundabors behov och "
        "intressen fångas upp.",
    ),
)

COMMITMENTS: tuple[CommitmentData, ...] = (
    CommitmentData(
        1,
        "Öppna kontaktvägar",
        "Föreningar ska lätt hitta rätt förvaltning och person för varje sakområde, och "
        "kommunen ska på samma sätt lätt kunna få information från föreningarna om "
        "projekt, bidrag och andra samarbeten.",
        (OPPENHET,),
    ),
    CommitmentData(
        2,
        "Kunskapsökning",
        "Kommunen ska lära sig mer om idéburen sektors villkor och behov och om dess "
        "betydelse för demokratin. Idéburen sektor ska lära sig mer om hur kommunen är "
        "organiserad och fattar beslut.",
        (KVALITET, MANGFALD, LANGSIKTIGHET),
    ),
    CommitmentData(
        3,
        "Samverkan och dialog",
        "Parterna utvecklar gemensamt forum och former för dialog och samverkan. Idéburen "
        "sektor ska tidigt kunna delta i planering och beslutsunderlag som berör den.",
        (DIALOG, OPPENHET),
    ),
    CommitmentData(
        4,
        "Informationsspridning",
        "Kommunen sprider kunskap om Överenskommelsen till medarbetare, föreningar och "
        "Lundabor. Idéburen sektor gör detsamma i sina nätverk och hjälper nya grupper att "
        "organisera sig och delta.",
        (OPPENHET, MANGFALD),
    ),
    CommitmentData(
        5,
        "Samhällsutveckling",
        "Parterna identifierar tillsammans viktiga samhällsbehov som grund för samarbeten, "
        "utan att idéburen sektor förlorar sitt oberoende eller sin identitet.",
        (MANGFALD, DIALOG, INTEGRITET),
    ),
    CommitmentData(
        6,
        "Gemensamma finansieringsformer",
        "Parterna ser över och utvecklar vid behov långsiktigt hållbara former för "
        "finansiering och bidrag, till exempel idéburet offentligt partnerskap (IOP) eller "
        "projektsamarbeten.",
        (LANGSIKTIGHET,),
    ),
    CommitmentData(
        7,
        "Mångfald av utövare",
        "Kommunen prövar att utforma upphandlingar så att idéburen sektors mervärde och "
        "villkor beaktas. Idéburen sektor lär sig mer om kommunal upphandling för att kunna "
        "delta.",
        (KVALITET, MANGFALD),
    ),
    CommitmentData(
        8,
        "Uppföljning och utvärdering",
        "Överenskommelsen följs upp vart fjärde år och redovisas för ansvariga nämnder och "
        "kommunfullmäktige, och revideras vid behov. Handlingsplanen följs upp varje år och "
        "redovisas för ansvarig nämnd. Enskilda samverkansprojekt följs upp enligt sina "
        "egna rutiner.",
        (),  # the seed names no principle for this commitment
    ),
)

AGREEMENT = AgreementData(
    title="Överenskommelse mellan Lunds kommun och idéburen sektor",
    # "Reviderad version Lunds Överenskommelse den 26 juni 2018"
    version_date=date(2018, 6, 26),
    purpose=(
        "Överenskommelsen samlar principer och åtaganden för samverkan mellan Lunds kommun "
        "och idéburen sektor i Lund. Den ska på ett strukturerat sätt stärka "
        "förutsättningarna för samverkan och få fler föreningar och Lundabor att delta i "
        "demokratiska processer och samtal. Kommunens ansvar för välfärden flyttas inte "
        "över till idéburen sektor. Parterna ska lära känna varandras roller och villkor "
        "och bygga ett öppet, nyfiket samarbetsklimat och ett gemensamt hållbart "
        "utvecklingsarbete."
    ),
    goals=(
        "Överenskommelsen ska bidra till Lunds kommuns vision ”Lund skapar framtiden – med "
        "kunskap, innovation och öppenhet” genom att:\n"
        "- ge dialogen och samverkan mellan parterna en tydlig struktur,\n"
        "- synliggöra idéburen sektors roll som opinionsbildare och röstbärare och stärka "
        "den som aktör i samhällsutvecklingen,\n"
        "- ge idéburen sektor fler möjligheter att delta, skapa mervärde och bidra till "
        "välfärden i Lund med idéer, förslag och olika former av samverkan och finansiering."
    ),
    parties=(
        "Parterna är Lunds kommun och alla organisationer och föreningar i Lund som hör "
        "till idéburen sektor: organiserad verksamhet med demokratisk värdegrund som utgår "
        "från alla människors lika värde, gynnar samhälls- eller medlemsintresset, bygger på "
        "frivilligt engagemang, är fristående från den offentliga sektorn och drivs utan "
        "vinstsyfte i föreningar, kooperativ, samfund eller liknande."
    ),
    adopted_by="Kommunfullmäktige 2019-01-31 § 16 (dnr KS 2016/0688)",
    principles=PRINCIPLES,
    commitments=COMMITMENTS,
    affiliation=(
        "Alla organisationer och föreningar inom den idéburna sektorn i Lund som utgår från "
        "en demokratisk värdegrund, att alla människor har ett lika värde och som gynnar "
        "samhälls- eller medlemsintresset, kan löpande ansluta sig till Lunds Överenskommelse "
        "oavsett verksamhetsområde och storlek. Demokrati och delaktighet ska utövas "
        "jämlikt.\n\n"
        "Anslutning sker genom att föreningen eller organisationen fattar ett styrelsebeslut "
        "och skickar in beslutet till Lunds Överenskommelse."
    ),
    withdrawal=(
        "Om en ansluten förening eller organisation beslutar att inte längre delta i "
        "Överenskommelsen skickar den in ett styrelseprotokoll om att den inte längre vill "
        "vara ansluten."
    ),
)

# The adoption decision (seed 004), kept for protocols and the public pages.
AGREEMENT_ADOPTION = {
    "organ": "Kommunfullmäktige",
    "meeting_date": date(2019, 1, 31),
    "paragraph": 16,
    "diarienummer": "KS 2016/0688",
    "title": "Överenskommelse till samverkan i Lund mellan det civila samhället och kommunen",
    # Main vote: Philip Sandbergs (L) m.fl. yrkande (ja) against Maja Grubelics (FI)
    # m.fl. yrkande (nej).
    "main_vote": {"ja": 32, "nej": 27, "avstar": 6, "franvarande": 0},
}


# --------------------------------------------------------------------------------------
# Handlingsplan 2021–2024, remissversion (seed 004)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityAreaData:
    number: int
    name: str
    description: str
    # One entry per inriktning, in the seed's order, lightly summarised.
    directions: tuple[str, ...]


@dataclass(frozen=True)
class ActionPlanData:
    title: str
    slug: str
    start_year: int
    end_year: int
    status: str  # an ActionPlan.Status value
    summary: str
    areas: tuple[PriorityAreaData, ...]


PRIORITY_AREAS: tuple[PriorityAreaData, ...] = (
    PriorityAreaData(
        1,
        "Inkludering",
        "Alla ska ha jämlika möjligheter att få sina grundläggande behov tillgodosedda – "
        "bostad, skola, arbete och vård – och till en meningsfull fritid och delaktighet i "
        "samhället. Samverkan ska motverka utanförskap och diskriminering och öppna kultur- "
        "och fritidsaktiviteter för människor med olika bakgrund, ålder och förutsättningar.",
        (
            "Skapa en struktur för att idéburen sektor ska få använda kommunala lokaler när "
            "kommunen inte använder dem, och i övrigt verka för att föreningarna har "
            "ändamålsenliga lokaler, så att fler Lundabor får samhällsservice och en "
            "meningsfull fritid.",
            "Samverka kring parternas volontärverksamhet, utveckla kommunens befintliga "
            "volontärverksamhet och tillsammans rekrytera fler och nya volontärer.",
            "Ta gemensamt ansvar för kommunikation och information om idéburen sektor i Lund "
            "så att föreningslivet blir mer tillgängligt.",
        ),
    ),
    PriorityAreaData(
        2,
        "Hälsosamma levnadsvanor",
        "Goda levnadsvanor och god hälsa för alla är en förutsättning för ett jämlikt "
        "samhälle, för studier och för arbete. Samverkan kan gälla fysisk aktivitet, bra mat, "
        "ensamhet och psykisk ohälsa, förebyggande arbete mot alkohol, tobak, spel, narkotika, "
        "dopning och våld, samt tillgång till kultur, fritid och föreningsliv.",
        (
            "Utveckla och stärka de hälsofrämjande satsningar som redan finns i Lund och "
            "gemensamt informera om dem så att fler kan ta del av dem.",
            "Utveckla samverkan som ger grupper långt från arbetsmarknaden tillgång till "
            "studier eller sysselsättning, där idéburen sektors folkbildning – till exempel "
            "språkkunskaper – spelar en viktig roll.",
            "Utveckla samverkansformer som främjar ett hälsosamt liv för alla, med fokus på "
            "att förebygga ensamhet och psykisk ohälsa.",
        ),
    ),
    PriorityAreaData(
        3,
        "Hållbar utveckling med utgångspunkt i Agenda 2030",
        "Hållbar utveckling enligt Brundtlandkommissionens definition (1987), med Agenda "
        "2030:s 17 globala mål och deras ekonomiska, sociala och miljömässiga dimension. "
        "Lund arbetar med miljöprogrammet LundaEko II och Program för social hållbarhet i "
        "Lunds kommun – Ett Lund för alla 2020-2030. Den sociala dimensionen hör till de "
        "övriga tre områdena; inriktningarna här gäller den miljömässiga dimensionen.",
        (
            "Utveckla och stärka befintliga hållbarhetsinsatser i Lund och gemensamt informera "
            "om arbetet med den miljömässiga dimensionen för att engagera fler.",
            "Utveckla samverkansformer som främjar klimatsmarta lösningar, med fokus på "
            "bostäder, stadsodling, konsumtion och resor.",
        ),
    ),
    PriorityAreaData(
        4,
        "Demokrati, delaktighet och trygghet",
        "Delaktighet är ett uttryck för demokrati och en hörnsten i ett hållbart samhälle; "
        "trygghet är den enskildes upplevelse av risken att utsättas för brott. Samverkan "
        "ska utveckla den lokala demokratin – dialog, medskapande, återkoppling och lärande – "
        "och bidra till ett säkrare och tryggare Lund.",
        (
            "Utveckla metoder och nätverk för dialog och deltagande så att fler Lundabor kan "
            "påverka den lokala demokratin, med fokus på underrepresenterade grupper som inte "
            "deltar i föreningslivet eller det lokala demokratiska samtalet.",
            "Utveckla förebyggande samverkan för säkerhet och trygghet, till exempel alkohol- "
            "och drogförebyggande arbete och föräldraskapsstöd, och stötta trygghetsskapande "
            "arbete som grannsamverkan, trygghetsvandringar och nattvandrare.",
            "Samverka kring en gemensam struktur för krishantering, där idéburen sektor kan "
            "möta människors behov på flexibla och kompletterande sätt.",
        ),
    ),
)

ACTION_PLAN = ActionPlanData(
    title="Handlingsplan för Lunds Överenskommelse med idéburen sektor",
    slug="handlingsplan-2021-2024",
    start_year=2021,
    end_year=2024,
    status="remiss",
    summary=(
        "Remissversion 2021–2024, framtagen av samverkansgruppen i bred dialog med idéburen "
        "sektor i Lund. Planen pekar ut fyra prioriterade områden för samverkan under fyra "
        "år, beskriver samverkansprocessen, utbildning och lärande samt organisation och "
        "struktur. Kommunstyrelsens arbetsutskott skickade den på remiss 2020-11-23 § 442 "
        "(dnr KS 2020/0882) till kommunens nämnder och råd och till idéburen sektor i Lund. "
        "Planen följs upp varje år och revideras vart fjärde år."
    ),
    areas=PRIORITY_AREAS,
)


@dataclass(frozen=True)
class RemissData:
    decided_by: str
    decision_date: date
    paragraph: int
    diarienummer: str
    opens: date
    closes: date
    reply_email: str
    reply_subject: str
    postal_address: str
    disposition: tuple[str, ...]
    information_meetings: tuple[tuple[date, str, str], ...]  # (day, from, to), Zoom


# Facts from the remiss letter and KSAU 2020-11-23 § 442 (seed 004), written by
# `overenskommelse.demo.load.remiss.remiss_demo_load`.
HANDLINGSPLAN_REMISS = RemissData(
    decided_by="Kommunstyrelsens arbetsutskott",
    decision_date=date(2020, 11, 23),
    paragraph=442,
    diarienummer="KS 2020/0882",
    opens=date(2020, 12, 1),
    # The letter says "senast den 28 februari 2020", an evident slip for 2021: the
    # period runs "1 december – 28 februari" from a letter dated 2020-11-30.
    closes=date(2021, 2, 28),
    reply_email="kommunkontoret@lund.se",
    reply_subject="Remiss handlingsplan Lunds Överenskommelse",
    postal_address=(
        "Kommunkontoret\nRemiss handlingsplan Överenskommelsen KS 2020/0882\nBox 41\n221 00 Lund"
    ),
    disposition=(
        "Sammanfattning av synpunkterna",
        "Handlingsplanens samverkansområden",
        "Processen för samverkan",
        "Organisation och struktur kring Lunds Överenskommelse",
    ),
    information_meetings=(
        (date(2021, 1, 12), "18:00", "19:30"),
        (date(2021, 1, 19), "18:00", "19:30"),
        (date(2021, 1, 26), "18:00", "19:30"),
    ),
)


# --------------------------------------------------------------------------------------
# Municipal bodies
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalBodyData:
    name: str
    slug: str
    kind: str  # a MunicipalBody.Kind value
    source: str  # seed number(s), or a note when no seed names the body
    parent: str | None = None  # slug of the responsible body, listed earlier
    description: str = ""
    chair: str = ""
    vice_chair: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def _demo_contact(label: str, mailbox: str) -> dict[str, str]:
    # DEMO PLACEHOLDER: the seeds name no contact for idéburen sektor per förvaltning.
    # These people and addresses are fictional (example.se never delivers), so the demo
    # never mails a real official. Seed 004 names Ulrika Dagård at kommunkontoret as
    # the contact for the remiss; she is deliberately not used here.
    return {
        "contact_name": f"Kontaktperson {label}",
        "contact_email": f"{mailbox}@example.se",
    }


# Listed parents first, so each parent exists when its children are loaded.
MUNICIPAL_BODIES: tuple[MunicipalBodyData, ...] = (
    MunicipalBodyData(
        name="Kommunfullmäktige",
        slug="kommunfullmaktige",
        kind="fullmaktige",
        source="004",
        description=(
            "Kommunens högsta beslutande organ. Antog Lunds Överenskommelse 2019-01-31 § 16 "
            "(dnr KS 2016/0688)."
        ),
        # As listed for the meeting of 2019-01-31 (seed 004); 2:e vice ordförande was
        # Lennart Prytz (S).
        chair="Mats Helmfrid (M)",
        vice_chair="Lars V Andersson (C)",
    ),
    MunicipalBodyData(
        name="Kommunstyrelsen",
        slug="kommunstyrelsen",
        kind="styrelse",
        source="003, 004",
        description=(
            "Ansvarar enligt kommunfullmäktiges beslut 2019-01-31 § 16 för samordningen av "
            "genomförandet av Lunds Överenskommelse."
        ),
    ),
    MunicipalBodyData(
        name="Kommunstyrelsens arbetsutskott",
        slug="kommunstyrelsens-arbetsutskott",
        kind="utskott",
        source="004",
        parent="kommunstyrelsen",
        description=(
            "Skickade handlingsplanen 2021–2024 på remiss 2020-11-23 § 442 (dnr KS 2020/0882)."
        ),
        # As at the meeting of 2020-11-23 (seed 004): Philip Sandberg (L) ordförande,
        # Fredrik Ljunghill (M) 1:e vice ordförande, Anders Almgren (S) 2:e vice.
        chair="Philip Sandberg (L)",
        vice_chair="Fredrik Ljunghill (M)",
    ),
    MunicipalBodyData(
        name="Kultur- och fritidsnämnden",
        slug="kultur-och-fritidsnamnden",
        kind="namnd",
        source="004",
        description="Ansvarig nämnd för kultur- och fritidsförvaltningen.",
    ),
    # The seeds name socialförvaltningen and vård- och omsorgsförvaltningen but not
    # their nämnder; these two are added as the responsible nämnder.
    MunicipalBodyData(
        name="Socialnämnden",
        slug="socialnamnden",
        kind="namnd",
        source="not named in the seeds (responsible nämnd for socialförvaltningen)",
        description="Ansvarig nämnd för socialförvaltningen.",
    ),
    MunicipalBodyData(
        name="Vård- och omsorgsnämnden",
        slug="vard-och-omsorgsnamnden",
        kind="namnd",
        source="not named in the seeds (responsible nämnd for vård- och omsorgsförvaltningen)",
        description="Ansvarig nämnd för vård- och omsorgsförvaltningen.",
    ),
    MunicipalBodyData(
        name="Kommunkontoret",
        slug="kommunkontoret",
        kind="forvaltning",
        source="003, 004",
        parent="kommunstyrelsen",
        description=(
            "Kommunstyrelsens förvaltning. Tar emot remissvar och idéer till "
            "samverkansinitiativ (kommunkontoret@lund.se); representerad i "
            "samverkansgruppen."
        ),
        **_demo_contact("Kommunkontoret", "kontakt.kommunkontoret"),
    ),
    MunicipalBodyData(
        name="Kultur- och fritidsförvaltningen",
        slug="kultur-och-fritidsforvaltningen",
        kind="forvaltning",
        source="003, 004",
        parent="kultur-och-fritidsnamnden",
        description="Representerad i samverkansgruppen.",
        **_demo_contact("Kultur och fritid", "kontakt.kulturochfritid"),
    ),
    MunicipalBodyData(
        name="Socialförvaltningen",
        slug="socialforvaltningen",
        kind="forvaltning",
        source="004",
        parent="socialnamnden",
        description="Representerad i samverkansgruppen.",
        **_demo_contact("Socialförvaltningen", "kontakt.socialforvaltningen"),
    ),
    MunicipalBodyData(
        name="Vård- och omsorgsförvaltningen",
        slug="vard-och-omsorgsforvaltningen",
        kind="forvaltning",
        source="004",
        parent="vard-och-omsorgsnamnden",
        description="Representerad i samverkansgruppen.",
        **_demo_contact("Vård och omsorg", "kontakt.vardochomsorg"),
    ),
    MunicipalBodyData(
        name="Finsam",
        slug="finsam",
        kind="forvaltning",
        source="004",
        description=(
            "Finansiell samordning inom rehabiliteringsområdet. Nämns i KSAU 2020-11-23 "
            "§ 442 bland kommunens förvaltningar som sammanställde handlingsplanen."
        ),
        **_demo_contact("Finsam", "kontakt.finsam"),
    ),
)
# No råd is named in any seed (the remiss goes to "nämnder och råd" in general).


# --------------------------------------------------------------------------------------
# Organisations of idéburen sektor (seed 004: samverkansgruppen, KSAU 2020-11-23 § 442)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationData:
    name: str
    slug: str
    legal_form: str  # an Organisation.LegalForm value
    umbrella: str  # an Organisation.Umbrella value; "" for none
    description: str
    source: str


ORGANISATIONS: tuple[OrganisationData, ...] = (
    OrganisationData(
        name="Paraplyorganisationen för idrottsföreningar i Lund (PIL)",
        slug="pil",
        legal_form="ideell_forening",
        umbrella="",  # PIL is itself an umbrella organisation
        description=(
            "Paraplyorganisation för idrottsföreningarna i Lund. Tog tillsammans med LIPS "
            "initiativet till Överenskommelsen och utser en av idéburen sektors fyra "
            "representanter i samverkansgruppen."
        ),
        source="004",
    ),
    OrganisationData(
        name="Lunds ideella föreningars paraplyorganisation med socialt arbete (LIPS)",
        slug="lips",
        legal_form="ideell_forening",
        umbrella="",  # LIPS is itself an umbrella organisation
        description=(
            "Paraplyorganisation för ideella föreningar i Lund som arbetar socialt. Tog "
            "tillsammans med PIL initiativet till Överenskommelsen och utser en av idéburen "
            "sektors fyra representanter i samverkansgruppen."
        ),
        source="004",
    ),
    OrganisationData(
        name="Svenska kyrkan",
        slug="svenska-kyrkan",
        legal_form="trossamfund",
        umbrella="",
        description=(
            "Svenska kyrkan i Lund. Var med och sammanställde handlingsplanen i samverkansgruppen."
        ),
        source="004",
    ),
    OrganisationData(
        name="S:t Thomas av Aquino församling/Katolska kyrkan",
        slug="st-thomas-av-aquino-forsamling",
        legal_form="trossamfund",
        umbrella="",
        description=(
            "Katolska kyrkans församling S:t Thomas av Aquino i Lund. Var med och "
            "sammanställde handlingsplanen i samverkansgruppen."
        ),
        source="004",
    ),
    OrganisationData(
        name="Lunds frivilliga samhällsarbetare",
        slug="lunds-frivilliga-samhallsarbetare",
        legal_form="ideell_forening",
        umbrella="",
        description="Var med och sammanställde handlingsplanen i samverkansgruppen.",
        source="004",
    ),
    OrganisationData(
        name="ABF MittSkåne",
        slug="abf-mittskane",
        legal_form="ideell_forening",
        umbrella="",
        description=(
            "Studieförbund (Arbetarnas bildningsförbund). Var med och sammanställde "
            "handlingsplanen i samverkansgruppen."
        ),
        source="004",
    ),
)


# --------------------------------------------------------------------------------------
# Demo accounts: one per role. Fictional people; never load them in production.
# --------------------------------------------------------------------------------------

# One shared password for every demo account, printed by `manage.py load_demo`.
DEMO_PASSWORD = "demo-losenord-2026"


@dataclass(frozen=True)
class DemoUserData:
    label: str  # shown in the account table
    email: str
    first_name: str
    last_name: str
    role: str | None = None  # a Role value, for RoleAssignment
    municipal_body: str | None = None  # body slug; only for förvaltningskontakt
    organisation: str | None = None  # organisation slug; a confirmed Representation
    is_superuser: bool = False


DEMO_USERS: tuple[DemoUserData, ...] = (
    DemoUserData(
        label="Föreningsrepresentant (PIL)",
        email="foreningsrepresentant@demo.example.se",
        first_name="Frida",
        last_name="Förening",
        organisation="pil",
    ),
    DemoUserData(
        label="Handläggare (kommunkontoret)",
        email="handlaggare@demo.example.se",
        first_name="Hanna",
        last_name="Handläggare",
        role="handlaggare",
    ),
    DemoUserData(
        label="Förvaltningskontakt (kultur- och fritidsförvaltningen)",
        email="forvaltningskontakt@demo.example.se",
        first_name="Felix",
        last_name="Förvaltning",
        role="forvaltningskontakt",
        municipal_body="kultur-och-fritidsforvaltningen",
    ),
    DemoUserData(
        label="Samverkansgruppen",
        email="samverkansgruppen@demo.example.se",
        first_name="Sara",
        last_name="Samverkan",
        role="samverkansgruppen",
    ),
    DemoUserData(
        label="Admin",
        email="admin@demo.example.se",
        first_name="Adam",
        last_name="Admin",
        is_superuser=True,
    ),
)


# --------------------------------------------------------------------------------------
# Affiliations (demo only)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AffiliationDemoData:
    organisation: str  # organisation slug
    affiliated_from: date
    activities: tuple[str, ...]  # ActivityField values


# DEMO PLACEHOLDER: the seeds say PIL and LIPS initiated the Överenskommelse but give no
# affiliation dates for any organisation. These dates are invented (after the adoption
# on 2019-01-31) so the register has something to show; St Thomas av Aquino and Lunds
# frivilliga samhällsarbetare are left unaffiliated so the demo can show an application.
DEMO_AFFILIATIONS: tuple[AffiliationDemoData, ...] = (
    AffiliationDemoData("pil", date(2019, 3, 12), ("idrott", "barn_unga")),
    AffiliationDemoData("lips", date(2019, 3, 20), ("socialt", "integration")),
    AffiliationDemoData("svenska-kyrkan", date(2019, 9, 2), ("tro", "socialt")),
    AffiliationDemoData("abf-mittskane", date(2020, 2, 17), ("utbildning", "kultur")),
)
