"""Small made-up articles for the scale tests (written for these tests; no real article's sentences)."""

from __future__ import annotations

import json
from pathlib import Path

UNITS = ["National Guard", "Army", "state police", "navy", "border police", "militia"]
PEOPLE = ["Marta Quintero", "Jorge Salcedo", "Elena Vargas", "Tomas Ibarra", "Lucia Ferrer", "Pablo Arenas",
          "Rosa Delgado", "Hugo Miranda", "Ines Caballero", "Diego Montes", "Clara Fuentes", "Andres Pineda"]
CITIES = ["Valencia", "Maracaibo", "Barquisimeto", "Cumana", "Merida", "Coro"]
ORGS = ["Amnesty International", "Human Rights Watch", "the United Nations"]


def article_text(i: int) -> str:
    person, other = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 5 + 3) % len(PEOPLE)]
    unit, city, org = UNITS[i % len(UNITS)], CITIES[(i // 2) % len(CITIES)], ORGS[i % len(ORGS)]
    return (f"Members of the {unit} detained the activist {person} in {city} on Tuesday, number {i}. "
            f"{org} said that officers beat {person} during the interrogation. "
            f"The lawyer {other} told reporters that the arrest was arbitrary and that the {unit} "
            f"had tortured two students in the same city.\n")


def write_folder(folder: Path, indices: range | list[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in indices:
        (folder / f"doc{i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    return folder


def write_jsonl(path: Path, indices: range | list[int]) -> Path:
    path.write_text("".join(json.dumps({"id": f"doc{i:03d}", "text": article_text(i)}) + "\n" for i in indices),
                    encoding="utf-8")
    return path
