"""The retention schedule's first version: one rule per record type the portal holds.

Staff change it in the admin; this only adds the rules that are missing, so running it
on a database where staff already edited a rule leaves their rule as it is."""

from django.db import migrations

KEPT = (
    "Allmän handling (TF 2 kap.) som inkommit eller upprättats: bevaras enligt "
    "arkivlagen (1990:782) tills kommunens informationshanteringsplan säger annat."
)
RULES = [
    (
        "utkorg_skickad",
        "gallras",
        3,
        "Kopior av skickad e-post från portalen. Det som meddelas finns i ärendets "
        "historik; kopian gallras vid inaktualitet, tre månader efter att den skickats.",
    ),
    (
        "ansokan_utkast",
        "gallras",
        12,
        "Ansökningsutkast som föreningen aldrig skickat in är inte inkomna handlingar; "
        "gallras tolv månader efter den senaste ändringen.",
    ),
    (
        "remissvar_utkast",
        "gallras",
        6,
        "Remissvar som aldrig skickats in är inte inkomna handlingar; gallras sex "
        "månader efter att remissen stängt.",
    ),
    ("ansokan", "bevaras", None, KEPT),
    ("uttrade", "bevaras", None, KEPT),
    ("remissvar", "bevaras", None, KEPT),
    ("initiativ", "bevaras", None, KEPT),
    ("uppfoljning", "bevaras", None, KEPT),
    ("protokoll", "bevaras", None, KEPT),
    ("gallringsprotokoll", "bevaras", None, "Gallringsprotokoll bevaras (arkivlagen 10 §)."),
]


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("platform", "RetentionRule")
    for record_type, action, months, basis in RULES:
        RetentionRule.objects.get_or_create(
            record_type=record_type,
            defaults={"action": action, "period_months": months, "basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("platform", "0002_records_registry_and_retention")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
