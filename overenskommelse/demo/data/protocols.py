"""The seeds' decisions as protocol data: the facts the demo loader writes.

Sources: seed 004 (kommunfullmäktige 2019-01-31 § 16 with both roll calls, and
kommunstyrelsens arbetsutskott 2020-11-23 § 442) and seed 000 (Uppsala kommun's
kommunstyrelsens arbetsutskott 2020-08-18 § 246). Names, parties, votes, dates, case
numbers and att-satser are the seeds'; longer texts (sammanfattning) are summarised.
Names in the roll call are spelled as in the roll call (the attendance list spells a
few differently: "Louise Rehn Winsborg", "Eleni Rezaii Liakou", "Sushma Uthappa-Schwerdt").
"""

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, time


@dataclass(frozen=True)
class RollCallRow:
    """One seat in the roll call of § 16: the member, the ersättare serving for them
    (empty when the member was there) and the vote in the preliminary and main vote."""

    name: str
    party: str
    substitute: str
    preliminary: str
    main: str


@dataclass(frozen=True)
class PersonData:
    name: str
    party: str = ""
    note: str = ""


@dataclass(frozen=True)
class DivisionData:
    question: str
    yes_means: str
    no_means: str
    outcome: str
    votes: str  # which RollCallRow attribute holds this vote's ballots


@dataclass(frozen=True)
class ParagraphData:
    number: int
    case_number: str
    title: str
    decision_intro: str
    clauses: tuple[str, ...]
    summary: str = ""
    basis: tuple[str, ...] = ()
    speeches: str = ""
    proposals: tuple[str, ...] = ()
    procedure: str = ""
    reservations: str = ""
    sent_to: tuple[str, ...] = ()
    sent_for_action: tuple[str, ...] = ()
    sent_for_information: tuple[str, ...] = ()
    divisions: tuple[DivisionData, ...] = ()
    is_public: bool = True
    # "beslut", or "forslag" for a förslag till beslut to another organ.
    kind: str = "beslut"


@dataclass(frozen=True)
class MeetingData:
    organ_name: str
    municipality_name: str
    date: date
    # ProtocolMeeting.OrganKind: what the organ is, whatever its name.
    organ_kind: str = "annat"
    body_slug: str = ""
    start_time: time | None = None
    end_time: time | None = None
    time_note: str = ""
    place: str = ""
    chair: str = ""
    secretary: str = ""
    adjusters: tuple[str, ...] = ()
    adjustment_place_time: str = ""
    adjusted_on: dt.date | None = None
    paragraph_span: str = ""
    # dt.date: in this class body `date` is the field above.
    notice_posted_on: dt.date | None = None
    notice_removed_on: dt.date | None = None
    protocol_kept_at: str = ""
    roll_call: tuple[RollCallRow, ...] = ()
    members: tuple[PersonData, ...] = ()
    member_notes: dict[str, str] = field(default_factory=dict)
    substitutes: tuple[PersonData, ...] = ()
    others: tuple[PersonData, ...] = ()
    paragraphs: tuple[ParagraphData, ...] = ()


# Kommunfullmäktige 2019-01-31 § 16: 65 seats, in the order of the voteringslista.
KF_2019_01_31_ROLL_CALL: tuple[RollCallRow, ...] = (
    RollCallRow("Mats Helmfrid", "M", "", "avstar", "ja"),
    RollCallRow("Lars V Andersson", "C", "", "ja", "ja"),
    RollCallRow("Lennart Prytz", "S", "", "ja", "nej"),
    RollCallRow("Göran Wallén", "M", "", "avstar", "ja"),
    RollCallRow("Louise R Winsborg", "M", "", "avstar", "ja"),
    RollCallRow("Christer Wallin", "M", "", "avstar", "ja"),
    RollCallRow("Klas Svanberg", "M", "", "avstar", "ja"),
    RollCallRow("Ann Heberlein", "M", "", "avstar", "ja"),
    RollCallRow("Adrian Borin", "M", "", "avstar", "ja"),
    RollCallRow("Birger Swahn", "M", "", "avstar", "ja"),
    RollCallRow("Fredrik Ljunghill", "M", "", "avstar", "ja"),
    RollCallRow("Dan Ishaq", "M", "", "avstar", "ja"),
    RollCallRow("Christine Ohlsson", "M", "", "avstar", "ja"),
    RollCallRow("Inga-Kerstin Eriksson", "C", "", "avstar", "ja"),
    RollCallRow("Mattias Horrdin", "C", "", "avstar", "ja"),
    RollCallRow("Ida Alterå", "C", "", "avstar", "ja"),
    RollCallRow("Agneta Lindskog", "KD", "Gustav Lundblad", "avstar", "ja"),
    RollCallRow("Hedvig Åkesson", "KD", "", "avstar", "ja"),
    RollCallRow("Bengt Malmberg", "SD", "", "nej", "avstar"),
    RollCallRow("Åsa Wittenfelt", "SD", "", "nej", "avstar"),
    RollCallRow("Micael Jarnesjö", "SD", "", "nej", "avstar"),
    RollCallRow("Hans-Olof Andersson", "SD", "", "nej", "avstar"),
    RollCallRow("Victoria Tiblom", "SD", "Magnus Liljeroth", "nej", "avstar"),
    RollCallRow("Christoffer Brinkåker", "SD", "", "nej", "avstar"),
    RollCallRow("Mia Honeth", "L", "", "avstar", "ja"),
    RollCallRow("Karl Branzén", "L", "", "avstar", "ja"),
    RollCallRow("Camilla Neptune", "L", "", "avstar", "ja"),
    RollCallRow("Cecilia Barnes", "L", "Sushma Uthappa", "avstar", "ja"),
    RollCallRow("Inger Tolsved Rosenkvist", "L", "Daniel Kronmann", "avstar", "ja"),
    RollCallRow("Philip Sandberg", "L", "", "avstar", "ja"),
    RollCallRow("Ursula Savonius", "L", "", "avstar", "ja"),
    RollCallRow("Gunnar Brådvik", "L", "", "avstar", "ja"),
    RollCallRow("Christoffer Karlsson", "L", "", "avstar", "ja"),
    RollCallRow("Ulf Nymark", "MP", "", "ja", "nej"),
    RollCallRow("Karin Svensson Smith", "MP", "", "ja", "nej"),
    RollCallRow("Yanira Difonis", "MP", "Peter Bergwall", "ja", "nej"),
    RollCallRow("Lars Wirtén", "MP", "", "ja", "nej"),
    RollCallRow("Sofie Lemontzis", "MP", "", "ja", "nej"),
    RollCallRow("Axel Hallberg", "MP", "", "ja", "nej"),
    RollCallRow("Kerstin Frygner", "FNL", "", "avstar", "ja"),
    RollCallRow("Jan Annerstedt", "FNL", "", "avstar", "ja"),
    RollCallRow("Carl Gustaf Jönsson", "FNL", "", "avstar", "ja"),
    RollCallRow("Istvan Ulvros", "FNL", "", "avstar", "ja"),
    RollCallRow("Börje Hed", "FNL", "", "avstar", "ja"),
    RollCallRow("Maria Nermark", "FNL", "", "avstar", "ja"),
    RollCallRow("Stig Svensson", "S", "", "ja", "nej"),
    RollCallRow("Lena Fällström", "S", "", "ja", "nej"),
    RollCallRow("Kenth Andersson", "S", "", "ja", "nej"),
    RollCallRow("Eleni Rezaïi Liakou", "S", "Sebastian Persson", "ja", "nej"),
    RollCallRow("Rita Borg", "S", "", "ja", "nej"),
    RollCallRow("Anders Almgren", "S", "", "ja", "nej"),
    RollCallRow("Björn Abelson", "S", "", "ja", "nej"),
    RollCallRow("Mattias Olsson", "S", "", "ja", "nej"),
    RollCallRow("Anna-Lena Hogerud", "S", "Lina Olsson", "ja", "nej"),
    RollCallRow("Peter Fransson", "S", "Klara Twete", "ja", "nej"),
    RollCallRow("Fanny Johansson", "S", "", "ja", "nej"),
    RollCallRow("Elin Gustafsson", "S", "Haris Hadzovic", "ja", "nej"),
    RollCallRow("Saima Jönsson Fahoum", "V", "", "ja", "nej"),
    RollCallRow("Sven-Bertil Persson", "V", "", "ja", "nej"),
    RollCallRow("Mats Olsson", "V", "", "ja", "nej"),
    RollCallRow("Hanna Gunnarsson", "V", "Pontus Kjellström", "ja", "nej"),
    RollCallRow("Helena Falk", "V", "Nita Lorimer", "ja", "nej"),
    RollCallRow("Jesper Sahlén", "V", "", "ja", "nej"),
    RollCallRow("Maja Grubelic", "FI", "", "ja", "nej"),
    RollCallRow("Dmitri Ivanov", "FI", "", "ja", "nej"),
)

KF_2019_01_31 = MeetingData(
    organ_name="Kommunfullmäktige",
    municipality_name="Lunds kommun",
    date=date(2019, 1, 31),
    organ_kind="kommunfullmaktige",
    body_slug="kommunfullmaktige",
    start_time=time(17, 0),
    end_time=time(22, 25),
    place="Polhemskolans aula",
    chair="Mats Helmfrid (M)",
    secretary="Emma Mesan",
    adjusters=("Lars V Andersson (C)", "Lennart Prytz (S)"),
    adjustment_place_time=(
        "Kommunkontoret, Bruksgatan 22, torsdagen den 14 februari 2019 kl. 09:00"
    ),
    adjusted_on=date(2019, 2, 14),
    paragraph_span="§ 1-32",
    notice_posted_on=date(2019, 2, 14),
    notice_removed_on=date(2019, 3, 8),
    protocol_kept_at="Kommunkontoret/ Bruksgatan 22",
    roll_call=KF_2019_01_31_ROLL_CALL,
    member_notes={
        "Mats Helmfrid": "ordförande",
        "Lars V Andersson": "vice ordförande",
        "Lennart Prytz": "2:e vice ordförande",
        "Christine Ohlsson": (
            "§§ 14-32 kl. 18.20-22.25; Rasmus Törnblom (M) tjänstgör för henne §§ 1-13"
        ),
        "Carl Gustaf Jönsson": (
            "§§ 1-12, 14-32, tjänstgör ej § 13 p.g.a. jäv; Lars Lindholm (FNL) tjänstgör § 13"
        ),
    },
    substitutes=(
        PersonData("Pär-Ola Nilsson", "S", "kl. 17.40-22.25"),
        PersonData("Ann-Margreth Olsson", "S"),
        PersonData("Ann-Charlotte Ewerhard", "M"),
        PersonData("Alexander Lewerentz", "M"),
        PersonData("Christoffer Stenström", "M"),
        PersonData("Josefine Temrell", "L"),
        PersonData("Robert Barnes", "L"),
        PersonData("Ann Tångmark", "FNL", "kl. 17.35-22.25"),
        PersonData("Marianne Rehnstedt", "FNL"),
        PersonData("Ewa Björnberg", "MP", "kl. 17.20-22.25"),
        PersonData("Urban Nilsson", "SD"),
        PersonData("Diana Engblom", "SD"),
        PersonData("Johan Nilsson", "C"),
        PersonData("Pia Askman", "C"),
        PersonData("Annika Nilsson", "FI"),
        PersonData("Sengül Köse Lindqvist", "FI"),
        PersonData("John Sunnqvist", "KD"),
    ),
    paragraphs=(
        ParagraphData(
            number=16,
            case_number="KS 2016/0688",
            title="Överenskommelse till samverkan i Lund mellan det civila samhället och kommunen",
            decision_intro="Kommunfullmäktige beslutar",
            clauses=(
                "att anta förslaget till Lunds Överenskommelse,",
                "att ge kommunstyrelsen i uppdrag att ansvara för samordningen av "
                "genomförandet av Lunds Överenskommelse.",
            ),
            summary=(
                "Styrgruppen för Lunds Överenskommelse har tagit fram ett förslag till "
                "överenskommelse mellan kommunen och idéburen sektor i Lund, med syfte, mål, "
                "principer och åtaganden för samverkan.\n\n"
                "Den 27 september 2018 återremitterade kommunfullmäktige ärendet till "
                "kommunstyrelsen för att utreda konsekvenser och kostnader av att låta "
                "kultur- och fritidsnämnden samordna genomförandet."
            ),
            basis=(
                "Kommunfullmäktiges beslut den 20 december 2018, § 245",
                "Kommunstyrelsens beslut den 5 december 2018, § 361",
                "Kommunkontorets tjänsteskrivelse den 20 november 2018",
                "Kommunfullmäktiges beslut den 27 september 2018, § 146",
                "Kommunstyrelsens beslut den 5 september 2018, § 245",
                "Kommunkontorets tjänsteskrivelse den 2 juli 2018",
                "Sammanställning av remissvar den 28 juni 2018",
                "Reviderad version Lunds Överenskommelse den 26 juni 2018",
            ),
            speeches=(
                "Philip Sandberg (L), Annika Nilsson (FI), Maja Grubelic (FI), "
                "Inga-Kerstin Ericsson (C), Fredrik Ljunghill (M), Sven-Bertil Persson (V), "
                "Hans-Olof Andersson (SD), Sebastian Persson (S) och Axel Hallberg (MP) "
                "yttrar sig."
            ),
            proposals=(
                "Philip Sandberg (L), Inga-Kerstin Ericsson (C) och Fredrik Ljunghill (M) "
                "yrkar att kommunfullmäktige ska besluta att anta förslaget till Lunds "
                "Överenskommelse och att ge kommunstyrelsen i uppdrag att ansvara för "
                "samordningen av genomförandet av Lunds Överenskommelse.",
                "Maja Grubelic (FI), Sven-Bertil Persson (V), Sebastian Persson (S) och "
                "Axel Hallberg (MP) yrkar att kommunfullmäktige ska besluta att anta förslaget "
                "till Lunds Överenskommelse och att ge kultur- och fritidsnämnden i uppdrag att "
                "ansvara för samordningen av genomförandet av Lunds Överenskommelse.",
                "Hans-Olof Andersson (SD) yrkar att kommunfullmäktige ska besluta att avslå "
                "förslaget.",
            ),
            procedure=(
                "Ordföranden ställer proposition på yrkandena och finner att kommunfullmäktige "
                "beslutar i enlighet med Philip Sandbergs (L) m.fl. yrkande.\n\n"
                "Omröstning begärs.\n\n"
                "För att utröna vilket av återstående yrkanden som ska utgöra motförslag i "
                "huvudvoteringen ställer ordföranden proposition på dessa och finner att "
                "kommunfullmäktige bifaller Maja Grubelics (FI) m.fl. yrkande som motförslag.\n\n"
                "Omröstning begärs."
            ),
            divisions=(
                DivisionData(
                    question=(
                        "Omröstning om vilket yrkande som ska utgöra motförslag i "
                        "huvudvoteringen. Kommunfullmäktige godkänner följande voteringsordning."
                    ),
                    yes_means=(
                        "för bifall till Maja Grubelics (FI) m.fl. yrkande som motförslag i "
                        "huvudvoteringen."
                    ),
                    no_means=(
                        "för bifall till Hans-Olof Anderssons (SD) yrkande som motförslag i "
                        "huvudvoteringen."
                    ),
                    outcome=(
                        "beslutar kommunfullmäktige således att Maja Grubelics (FI) m.fl. "
                        "yrkande ska utgöra motförslag i huvudvoteringen."
                    ),
                    votes="preliminary",
                ),
                DivisionData(
                    question=(
                        "Huvudvotering. Kommunfullmäktige godkänner därefter följande "
                        "voteringsordning i huvudvoteringen."
                    ),
                    yes_means="för bifall till Philip Sandbergs (L) m.fl. yrkande.",
                    no_means="för bifall till Maja Grubelics (FI) m.fl. yrkande.",
                    outcome=(
                        "beslutar kommunfullmäktige således i enlighet med Philip Sandbergs (L) "
                        "m.fl. yrkande."
                    ),
                    votes="main",
                ),
            ),
            reservations=(
                "Ledamöterna från Sverigedemokraterna, Vänsterpartiet och Feministiskt "
                "Initiativ reserverar sig mot kommunfullmäktiges beslut.\n\n"
                "Följande skriftliga reservation ges in, Prot.bil § 16/01."
            ),
            sent_to=("Kommunstyrelsen", "Akten"),
        ),
    ),
)

KSAU_2020_11_23 = MeetingData(
    organ_name="Kommunstyrelsens arbetsutskott",
    municipality_name="Lunds kommun",
    date=date(2020, 11, 23),
    organ_kind="utskott",
    body_slug="kommunstyrelsens-arbetsutskott",
    start_time=time(13, 0),
    end_time=time(15, 37),
    time_note="ajournering klockan 14.20 - 14.30",
    place="Sessionssalen, Stadshuset",
    chair="Philip Sandberg (L)",
    secretary="Eva Kristiansson",
    adjusters=("Karin Svensson Smith (MP)",),
    adjustment_place_time=(
        "Tisdagen den 24 november kl. 14.30 på kommunkontoret, Bruksgatan 22, Lund"
    ),
    adjusted_on=date(2020, 11, 24),
    paragraph_span="§ 429–463",
    notice_posted_on=date(2020, 11, 25),
    notice_removed_on=date(2020, 12, 17),
    protocol_kept_at="Kommunkontoret, Bruksgatan 22, Lund",
    members=(
        PersonData("Hans-Olof Andersson", "SD", "adjungerad, deltar på distans"),
        PersonData("Cherry Batrapo", "FI", "adjungerad, deltar på distans"),
        PersonData("Philip Sandberg", "L", "ordförande"),
        PersonData("Fredrik Ljunghill", "M", "1:e vice ordförande, deltar på distans"),
        PersonData("Anders Almgren", "S", "2:e vice ordförande, deltar på distans"),
        PersonData(
            "Jan Annerstedt",
            "FNL",
            "§ 429 - 444, kl. 13.00 - 14.55, deltar på distans; "
            "Inga-Kerstin Eriksson (C) tjänstgör för honom § 445 - 463",
        ),
        PersonData("Karin Svensson Smith", "MP", "deltar på distans"),
    ),
    substitutes=(
        PersonData("Hedvig Åkesson", "KD", "deltar på distans"),
        PersonData("Lina Olsson", "S", "deltar på distans"),
        PersonData("Helena Falk", "V", "deltar på distans"),
    ),
    others=(
        PersonData("Christoffer Nilsson", "", "kommundirektör"),
        PersonData("Carin Hillåker", "", "biträdande kommundirektör"),
        PersonData("Vesna Casitovski", "", "kanslichef"),
        PersonData("Eva Kristiansson", "", "kommunsekreterare"),
    ),
    paragraphs=(
        ParagraphData(
            number=442,
            case_number="KS 2020/0882",
            title="Samverkansplan för överenskommelsen med idéburen sektor - remiss",
            decision_intro="Kommunstyrelsens arbetsutskott beslutar",
            clauses=(
                "att skicka handlingsplanen på remiss till Lunds kommuns nämnder, råd och till "
                "idéburen sektor i Lund.",
            ),
            summary=(
                "Överenskommelsen togs initiativ till av PIL och LIPS och antogs av "
                "kommunfullmäktige i januari 2019. Därefter har en handlingsplan tagits fram i "
                "dialog med idéburen sektor, med prioriterade samverkansområden, processen för "
                "samverkan samt organisation och struktur. Arbetsutskottet föreslås skicka "
                "handlingsplanen på remiss till nämnder, råd och idéburen sektor."
            ),
            basis=(
                "Kommunkontorets tjänsteskrivelse 2020-11-16",
                "Handlingsplan för Lunds Överenskommelse med idéburen sektor 2020-01-11",
                "Protokollsutdrag kommunfullmäktige 2019-01-31 § 16, dnr KS 2016/0688",
                "Reviderad version Lunds Överenskommelse den 26 juni 2018, dnr KS 2016/0688",
            ),
            proposals=(
                "Anders Almgren (S), Philip Sandberg (L) och Karin Svensson Smith (MP) yrkar "
                "bifall till kommunkontorets förslag.",
            ),
            procedure=(
                "Ordförande Philip Sandberg (L) frågar om arbetsutskottet kan bifalla "
                "yrkandet och finner frågan med ja besvarad."
            ),
            sent_for_action=(
                "Remiss avseende handlingsplanen ska skickas till alla Lunds kommuns nämnder "
                "och råd och till idéburen sektor i Lund",
            ),
            sent_for_information=("Kommunkontoret, utredningsenhet",),
        ),
    ),
)

UPPSALA_KSAU_2020_08_18 = MeetingData(
    organ_name="Kommunstyrelsens arbetsutskott",
    municipality_name="Uppsala kommun",
    date=date(2020, 8, 18),
    organ_kind="utskott",
    # Seed 000 is the extract alone: no place, time, justering or anslag is given, so
    # none is made up here (the protocol stays unjusterat in the portal).
    paragraphs=(
        ParagraphData(
            number=246,
            # "Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta": the
            # decision to take part is kommunstyrelsen's, and no seed records it.
            kind="forslag",
            case_number="KSN-2020-02097",
            title="Ansökan om deltagande i utvecklingsnätverk om samhällskontrakt",
            decision_intro="Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta",
            clauses=(
                "att delta i Sveriges kommuner och regioners utvecklingsnätverk "
                "Samhällskontrakt, samt",
                "att utse två politiska representanter från kommunstyrelsen som deltagare i "
                "styrgruppen för utvecklingsprojektet.",
            ),
            summary=(
                "SKR bjuder in kommuner till ett utvecklingsnätverk där de tillsammans med "
                "lokala aktörer prövar att ta fram lokala samhällskontrakt för hållbar "
                "utveckling med utgångspunkt i Agenda 2030 och mänskliga rättigheter. "
                "Projektet pågår september 2020 – december 2021 med sex träffar; högst sex "
                "kommuner får plats. Deltagandet kräver ett politiskt beslut, en processledare "
                "och en styrgrupp av ledande tjänstepersoner och förtroendevalda. SKR har "
                "bekräftat att Uppsala kommun får en plats."
            ),
            basis=("Tjänsteskrivelse daterad 24 juni 2020",),
            procedure=(
                "Ordförande ställer föreliggande förslag mot avslag och finner att "
                "arbetsutskottet bifaller detsamma."
            ),
        ),
    ),
)

MEETINGS: tuple[MeetingData, ...] = (KF_2019_01_31, KSAU_2020_11_23, UPPSALA_KSAU_2020_08_18)
