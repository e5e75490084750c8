"""Migration 0002 of protocols gives the meetings already recorded their kind of organ."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from overenskommelse.protocols.models import ProtocolMeeting
from tests.factories import MunicipalBodyFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "overenskommelse.protocols.migrations.0002_justering_date_organ_kind_and_paragraph_kind"
)


def test_existing_meetings_get_their_kind_of_organ_from_body_or_name():
    board = MunicipalBodyFactory(name="Kommunstyrelsen i Lund", kind="styrelse")
    nämnd = MunicipalBodyFactory(name="Kultur- och fritidsnämnden", kind="namnd")
    made = {
        "board": ProtocolMeeting.objects.create(
            organ_name="KS", body=board, date=dt.date(2020, 1, 1)
        ),
        "nämnd": ProtocolMeeting.objects.create(
            organ_name="KFN", body=nämnd, date=dt.date(2020, 1, 1)
        ),
        "council": ProtocolMeeting.objects.create(
            organ_name=" Kommunfullmäktige", date=dt.date(2020, 1, 1)
        ),
        "ksau": ProtocolMeeting.objects.create(
            organ_name="Kommunstyrelsens arbetsutskott", date=dt.date(2020, 1, 1)
        ),
        "other": ProtocolMeeting.objects.create(
            organ_name="Samverkansgruppen", date=dt.date(2020, 1, 1)
        ),
    }
    migration.organ_kinds_set(apps, None)
    kinds = {key: ProtocolMeeting.objects.get(pk=m.pk).organ_kind for key, m in made.items()}
    assert kinds == {
        "board": "kommunstyrelse",
        "nämnd": "namnd",
        "council": "kommunfullmaktige",
        "ksau": "utskott",
        "other": "annat",
    }
