"""The networks and partnerships of seeds 000–003 as data for the demo loader.

Dates, limits, fees, deadlines, contacts, meetings and decisions are the seeds';
longer texts are summarised. Where a seed leaves something open (the form of
nätverksträff 1–3, the dates of nätverksträff 4–5, the partnership's partner) it is
left open here too.
"""

import datetime as dt
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class MeetingData:
    title: str
    date: dt.date | None = None
    mode: str = ""
    place: str = ""


@dataclass(frozen=True)
class ParticipationData:
    municipality_name: str
    stage: str
    notes: str = ""
    # The decision as (organ, municipality, date, § number) of a demo protocol.
    decision: tuple[str, str, date, int] | None = None


@dataclass(frozen=True)
class NetworkData:
    slug: str
    name: str
    organiser: str
    kind: str
    starts_on: date | None
    ends_on: date | None
    purpose: str
    max_municipalities: int | None = None
    fee_per_person_year: int = 0
    max_representatives: int | None = None
    registration_deadline: date | None = None
    contacts: tuple[str, ...] = ()
    case_number: str = ""
    cost_note: str = ""
    municipalities: tuple[str, ...] = ()
    meetings: tuple[MeetingData, ...] = ()
    participations: tuple[ParticipationData, ...] = field(default_factory=tuple)


SAMHALLSKONTRAKT = NetworkData(
    slug="utvecklingsnatverk-samhallskontrakt",
    name="Utvecklingsnätverk Samhällskontrakt",
    organiser="Sveriges Kommuner och Regioner (SKR)",
    kind="utvecklingsnatverk",
    starts_on=date(2020, 9, 1),
    ends_on=date(2021, 12, 31),
    purpose=(
        "Kommunerna prövar tillsammans med SKR och lokala aktörer (invånare, civilsamhälle, "
        "näringsliv, universitet) att ta fram lokala samhällskontrakt för en hållbar "
        "utveckling, med utgångspunkt i Agenda 2030 och mänskliga rättigheter. SKR ger "
        "utbildning, handledning och processtöd. Deltagandet kräver ett politiskt beslut, "
        "en processledare och en styrgrupp av ledande tjänstepersoner och förtroendevalda."
    ),
    max_municipalities=6,
    contacts=(
        "Lena Langlet, handläggare, informationsansvarig (SKR)",
        "Cecilia Ramqvist, handläggare, informationsansvarig (SKR)",
    ),
    cost_note=(
        "Ingen avgift. Resor och eventuell övernattning till de gemensamma träffarna betalar "
        "kommunen själv; i övrigt handlar deltagandet främst om arbetstid."
    ),
    municipalities=("Forshaga kommun", "Piteå kommun", "Uppsala kommun", "Örnsköldsviks kommun"),
    meetings=(
        MeetingData("Uppstartsträff", date(2020, 9, 4), mode="digitalt"),
        MeetingData("Nätverksträff 1", date(2020, 11, 5)),
        MeetingData("Nätverksträff 2", date(2021, 2, 11)),
        MeetingData("Nätverksträff 3", date(2021, 5, 4)),
        MeetingData("Nätverksträff 4"),
        MeetingData("Nätverksträff 5"),
    ),
    participations=(
        ParticipationData(
            municipality_name="Uppsala kommun",
            # KSAU § 246 proposes that kommunstyrelsen decide to take part; no seed has
            # kommunstyrelsen's decision, so the participation waits for it: applied
            # (SKR has confirmed a place), with the proposal linked. "Beslutad" or
            # "Deltar" would claim a decision the seeds do not show.
            stage="ansokt",
            decision=("Kommunstyrelsens arbetsutskott", "Uppsala kommun", date(2020, 8, 18), 246),
            notes=(
                "Dnr KSN-2020-02097. SKR har bekräftat att Uppsala kommun får en plats. "
                "Kommunstyrelsens arbetsutskott föreslog 2020-08-18 § 246 att kommunstyrelsen "
                "beslutar att delta och utser två politiska representanter till styrgruppen; "
                "kommunstyrelsens beslut väntas. Processledaren föreslås bli en tjänsteperson "
                "från kommunledningskontorets hållbarhetsavdelning."
            ),
        ),
    ),
)

FORTROENDEVALDA = NetworkData(
    slug="natverk-for-fortroendevalda-medborgardialog-civilsamhallet",
    name=("Nätverk för förtroendevalda kring medborgardialog och samverkan med civilsamhället"),
    organiser="Sveriges Kommuner och Landsting (SKL)",
    kind="fortroendevaldanatverk",
    starts_on=date(2019, 1, 1),
    ends_on=date(2022, 12, 31),
    purpose=(
        "Ett kunskapsnätverk för förtroendevalda som vill utveckla och systematisera "
        "medborgardialog och samverkan med civilsamhället: forskning, goda exempel och "
        "erfarenhetsutbyte. Nätverket träffas två gånger per år (vår och höst) under fyra år "
        "och erbjuder två webbsända frukostseminarier per år."
    ),
    fee_per_person_year=1500,
    max_representatives=2,
    registration_deadline=date(2019, 4, 15),
    contacts=(
        "Lena Langlet, lena.langlet@skl.se, 08-452 79 18",
        "Nils Munthe, Nils.munthe@skl.se, 08-4527694",
        "Anders Nordh, anders.nordh@skl.se, 08-452 7435",
    ),
    cost_note=(
        "1 500 kr per person och år. I avgiften ingår nätverksträff med lunch och kaffe, "
        "dokumentation och tekniska kostnader för frukostmöten och chatt. Deltagarna betalar "
        "resor och eventuella övernattningar."
    ),
    meetings=(MeetingData("Första nätverksträffen", date(2019, 5, 17), "fysiskt", "Stockholm"),),
    participations=(
        ParticipationData(
            municipality_name="Uppsala kommun",
            stage="ansokt",
            notes=(
                "Kommunledningskontorets tjänsteskrivelse 2019-02-25 (KSN-2019-0665): "
                "kommunstyrelsen föreslås utse en representant från den styrande minoriteten "
                "och en från oppositionen."
            ),
        ),
    ),
)

KOMMUNALT_PARTNERSKAP = NetworkData(
    slug="kommunalt-partnerskap-icld",
    name="Kommunalt partnerskap",
    organiser="Internationellt Centrum för Lokal Demokrati (ICLD)",
    kind="kommunalt_partnerskap",
    starts_on=None,
    ends_on=None,
    case_number="KS 2019/0835",
    purpose=(
        "Samarbete mellan en svensk kommun och en kommun i ett av programmets "
        "samarbetsländer för väl fungerande, demokratiska lokala myndigheter inom "
        "kärnområdena jämlik och inkluderande behandling, deltagande och delaktighet, "
        "transparens och insyn samt ansvarsutkrävande. Först ett förberedelseprojekt på ett "
        "år, sedan normalt två års fullskaligt projekt och ofta ett uppföljande projekt. "
        "Ansökningsperioder 15 februari–15 mars och 15 september–15 oktober."
    ),
    cost_note=(
        "Schablonbelopp vid samarbete med kommun i Afrika eller Asien: förberedelseprojekt "
        "360 000 kr totalt, styrgrupp 350 000 kr totalt, projekt 500 000 kr per år. "
        "Lönekostnader högst 50 % av projektbudgeten. Ingen annan medfinansiering krävs."
    ),
    participations=(
        ParticipationData(
            municipality_name="Lunds kommun",
            stage="ansokt",
            notes=(
                "Kommunkontorets tjänsteskrivelse 2019-11-14 (KS 2019/0835): kommunstyrelsen "
                "föreslås tillsätta en projektgrupp med politisk representation och "
                "tjänstepersoner från kommunkontoret och kultur- och fritidsförvaltningen, ge "
                "den i uppdrag att söka projektpartner och ansöka om förberedelseprojekt. "
                "Kontakter finns med universitetsstäder i Sydafrika, Kenya, Uganda och Botswana."
            ),
        ),
    ),
)

NETWORKS: tuple[NetworkData, ...] = (SAMHALLSKONTRAKT, FORTROENDEVALDA, KOMMUNALT_PARTNERSKAP)
