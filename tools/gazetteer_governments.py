"""Add a `<cc>-government` entry to organizations.jsonl for every country of locations.jsonl that has none.

The governments of a country are written about the same way everywhere ("the Egyptian government",
"Government of Egypt", "Egyptian authorities"), so the entries are made from the country's name and
demonyms. Existing entries are left as they are (only the "authorities" alias is added). Run from the
repository root: `python tools/gazetteer_governments.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

GAZ = Path(__file__).resolve().parent.parent / "graphkit" / "data" / "gazetteers"
FORMS = ("{d} State", "{d} regime", "{d} Gov't", "{d} govt", "{d} Government", "{d} authorities")


def main() -> None:
    locs = [json.loads(line) for line in (GAZ / "locations.jsonl").read_text(encoding="utf-8").splitlines() if line]
    path = GAZ / "organizations.jsonl"
    orgs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    taken = {a.lower() for o in orgs for a in (o["name"], *o.get("aliases", []))}
    by_country = {o["country"]: o for o in orgs if o.get("subtype") == "government"}
    for loc in locs:
        demonyms = [d for d in loc.get("demonyms") or [] if d not in ("U.S.", "US")]
        if loc.get("subtype") != "country" or not demonyms:
            continue
        cc = loc["country"]
        entry = by_country.get(cc)
        if entry is None:
            name = f"{demonyms[0]} government"
            if name.lower() in taken:
                continue
            aliases = [f"Government of {loc['name'].removeprefix('The ')}"]
            aliases += [f"{d} government" for d in demonyms[1:]]
            aliases += [form.format(d=d) for d in demonyms for form in FORMS]
            entry = {"id": f"{cc.lower()}-government", "name": name, "type": "Organization", "subtype": "government",
                     "country": cc, "aliases": [],
                     "source": f"general English usage; Wikipedia: Government of {loc['name']}"}
            orgs.append(entry)
            by_country[cc] = entry
        else:
            aliases = [f"{d} authorities" for d in demonyms]
        for alias in aliases:
            if alias.lower() not in taken:
                entry["aliases"].append(alias)
                taken.add(alias.lower())
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in orgs), encoding="utf-8")


if __name__ == "__main__":
    main()
