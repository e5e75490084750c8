"""The demo initiatives: loaded after the foundation's demo data, idempotent."""

import pytest

from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.initiatives import initiatives_demo_load
from samverkan.pipeline.models import Initiative

pytestmark = pytest.mark.django_db


def test_demo_initiatives_across_stages_and_idempotent():
    demo_data_load()
    initiatives_demo_load()
    first = dict(Initiative.objects.values_list("title", "stage"))
    initiatives_demo_load()
    assert dict(Initiative.objects.values_list("title", "stage")) == first
    assert all(title.startswith("Demo: ") for title in first)
    assert {"forslag", "samverkansinitiativ", "genomforande"} <= set(first.values())
