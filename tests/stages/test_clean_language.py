"""An article in another language than English is rejected with a reason, not read as English.

newsweave's reading (names, dates, claims) is English only: a Spanish article went through
every stage and came out as page furniture titles, English-tagged names and no dates.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.errors import Rejected
from newsweave.model import Article
from newsweave.sources.read import read_inputs
from newsweave.stages.article.clean import clean_article, is_english

ENGLISH = (
    "The foreign minister arrived in Kestrel on Monday for two days of talks with the government. "
    "Officials said the talks would cover fishing rights and a new ferry route across the bay, "
    "which has been closed to traffic since a storm damaged the main pier in the spring. "
    "The minister is expected to meet the prime minister and the mayor of Kestrel, who said that "
    "the town would welcome an agreement that brings the ferries back before the summer."
)
SPANISH = (
    "El ministro de Asuntos Exteriores llegó el lunes a Kestrel para dos días de conversaciones "
    "con el Gobierno. Los funcionarios dijeron que las conversaciones tratarán sobre los derechos "
    "de pesca y una nueva ruta de transbordador a través de la bahía, cerrada al tráfico desde que "
    "una tormenta dañó el muelle principal en la primavera. Se espera que el ministro se reúna con "
    "el primer ministro y con el alcalde de Kestrel, que dijo que la ciudad recibiría bien un "
    "acuerdo que devuelva los transbordadores antes del verano."
)
FRENCH = (
    "Le ministre des Affaires étrangères est arrivé lundi à Kestrel pour deux jours d'entretiens "
    "avec le gouvernement. Selon les responsables, les discussions porteront sur les droits de "
    "pêche et sur une nouvelle liaison par ferry à travers la baie, fermée depuis qu'une tempête "
    "a endommagé la jetée principale au printemps. Le ministre doit rencontrer le Premier "
    "ministre et le maire de Kestrel, qui a dit que la ville accueillerait un accord."
)


@pytest.mark.parametrize(("text", "english"), [(ENGLISH, True), (SPANISH, False), (FRENCH, False)])
def test_is_english_reads_the_share_of_english_function_words(text: str, english: bool) -> None:
    assert is_english(text) is english


def test_a_short_text_or_a_declared_language_is_taken_at_its_word() -> None:
    assert is_english("Kestrel: 3 dead, 12 hurt. Ferries stopped.")  # too short to tell
    assert is_english(SPANISH, "en-GB")
    assert not is_english(ENGLISH, "es")


def test_clean_rejects_an_article_in_another_language_naming_it() -> None:
    with pytest.raises(Rejected) as raised:
        clean_article(Article(id="es-1", source="Diario", raw_text=SPANISH))
    assert raised.value.reason == "not_english"
    assert "'es-1'" in raised.value.detail


def test_a_front_matter_language_line_keeps_an_article_the_check_would_reject(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(f"language: en\n\n{SPANISH}\n", encoding="utf-8")
    [article], _ = read_inputs([tmp_path])
    assert clean_article(article).text.startswith("El ministro")


def test_cli_says_when_no_article_is_in_english(tmp_path: Path) -> None:
    (tmp_path / "es.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsweave", "analyze", tmp_path],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert "reads as another language than English" in result.stderr
    assert "no article is in English" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_english_list_with_few_function_words_is_english() -> None:
    closing = " ".join(
        f"closed {day}th december - open {day + 1}th december - sold out boxing day -"
        for day in range(10, 20)
    )
    assert is_english(closing)
