"""generate_synthetic stores every generated theory's phrases, as theory_create would."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from theories.models import Theory
from trends import phrases
from trends.models import TheoryPhrases

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_generator_stores_the_phrases_the_services_would():
    call_command("generate_synthetic", theories=40, votes=100, comments=20, days=5, seed=7, series="all-of-us-are-dead")
    assert TheoryPhrases.objects.count() == Theory.objects.count() == 40
    generated = {row.pk: (row.terms, row.counts) for row in TheoryPhrases.objects.all()}
    assert all(terms for terms, _ in generated.values())
    TheoryPhrases.objects.all().delete()
    for theory_id in generated:
        phrases.theory_phrases_update(theory_id=theory_id)
    assert {row.pk: (row.terms, row.counts) for row in TheoryPhrases.objects.all()} == generated
