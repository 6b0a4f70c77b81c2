#!/usr/bin/env python3
"""Writes a synthetic news corpus as JSON lines, for the store's crash test
and load benchmark.

Every text is generated here from a fixed vocabulary (no real reporting is
copied): EVENTS events, each reported by several outlets over a few days,
some outlets republishing a wire text verbatim or trimmed, so the store sees
syndication groups, entities, dates and figures. Deterministic for a seed.

Usage: python3 scripts/synth_corpus.py N_ARTICLES OUT.jsonl [SEED]
"""
import json
import random
import sys

PLACES = ["Eastbridge", "Westport", "Northgate", "Kessel", "Veranto", "Pellaria", "Dorsa",
          "Lanmore", "Ostrava Bay", "Tirel", "Marrow Flats", "Quenby", "Halden", "Sorrel Point"]
PEOPLE = ["Hana Moreau", "Tomas Lind", "Maria Svensson", "Idris Okafor", "Lena Brandt",
          "Paulo Reyes", "Ana Kowal", "Samir Haddad", "Greta Holm", "Jonah Pike"]
ROLES = ["mayor", "city engineer", "harbour master", "fire chief", "council leader",
         "health minister", "union spokesperson", "police commissioner"]
TOPICS = [("bridge", "closed", "cracks were found in its piers"),
          ("ferry route", "suspended", "a storm damaged the pier"),
          ("water plant", "shut down", "tests found contamination"),
          ("mine", "evacuated", "a tunnel partly collapsed"),
          ("school", "closed", "a fire broke out in the gym"),
          ("rail line", "halted", "floods washed out the tracks"),
          ("hospital wing", "evacuated", "a power failure hit the building"),
          ("market", "cleared", "a gas leak was reported")]
OUTLETS = ["Daily Post", "Evening Star", "Coast Herald", "Valley Voice", "Island Radio",
           "Harbour Times", "Metro Ledger", "North Star", "Bay Courier", "Plains Gazette"]
WIRE = "Wire Service"
COUNTED = ["people", "homes", "workers", "residents", "vehicles", "families"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def paragraph(rng, place, topic, person, role, day):
    thing, verb, cause = topic
    n = rng.choice([12, 40, 150, 300, 1200, 2500, 8000])
    counted = rng.choice(COUNTED)
    templates = [
        f"The {thing} in {place} was {verb} on {day} after {cause}, officials said.",
        f"About {n:,} {counted} were affected, according to {role} {person}.",
        f"\"We will not take any risks until every check is done,\" said {person}, the {role} of {place}.",
        f"Crews worked through the night and expected to finish an assessment by the end of the week.",
        f"Residents of {place} described long queues and confusion as the news spread on {day}.",
        f"{person} told reporters that at least {n // 10 + 3} teams had been sent to the site.",
        f"The {role} said a full report on the {thing} would be published within {rng.randint(2, 9)} days.",
        f"Local businesses near the {thing} said they had lost trade since it was {verb}.",
    ]
    rng.shuffle(templates)
    return templates[: rng.randint(2, 4)]


def main():
    total = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    written = 0
    event = 0
    with open(out, "w", encoding="utf-8") as f:
        while written < total:
            event += 1
            place = rng.choice(PLACES)
            topic = rng.choice(TOPICS)
            person = rng.choice(PEOPLE)
            role = rng.choice(ROLES)
            month = rng.randint(1, 12)
            day0 = rng.randint(1, 25)
            weekday = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
            wire = [p for _ in range(3) for p in paragraph(rng, place, topic, person, role, weekday)]
            title = f"{topic[0].capitalize()} {topic[1]} in {place}"
            for k in range(rng.randint(2, 9)):
                if written >= total:
                    break
                outlet = rng.choice(OUTLETS + [WIRE])
                day = min(28, day0 + rng.randint(0, 3))
                kind = rng.random()
                if kind < 0.35:
                    paras = wire  # verbatim wire copy
                elif kind < 0.5:
                    paras = wire[: max(2, len(wire) // 2)]  # trimmed copy
                else:
                    paras = [p for _ in range(2) for p in paragraph(rng, place, topic, person, role, weekday)]
                rec = {
                    "id": f"syn-{event:05d}-{k}",
                    "source": outlet,
                    "published": f"2031-{month:02d}-{day:02d}T{rng.randint(6, 21):02d}:{rng.choice(['00', '15', '30', '45'])}:00Z",
                    "title": title if k == 0 else f"{title}: {rng.choice(['update', 'what we know', 'latest', 'reaction'])}",
                    "url": f"https://{outlet.lower().replace(' ', '')}.example/{event}/{k}",
                    "text": "\n\n".join(paras) + "\n\nFollow us on social media for more updates.",
                }
                f.write(json.dumps(rec) + "\n")
                written += 1


if __name__ == "__main__":
    main()
