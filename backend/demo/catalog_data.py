"""The demo catalogue as data: what the municipalities offer each other, and what they look for.

Each template is (kind, category slug, title, description, deals, price in kr per deal); the
seeder varies the title with a colour or make so a search shows a realistic spread of hits.
"""

from __future__ import annotations

# How many listings each municipality offers (Trelleborg is the largest of the three).
LISTINGS = {"Ystad": 90, "Skurup": 55, "Trelleborg": 110}

VARIANTS = ("svart", "grå", "blå", "vit", "ek", "björk", "röd", "grön")

# Prices in kr: give and lend have none; rent is per the period in RENT_PERIOD.
TEMPLATES = (
    ("furniture", "kontorsstolar", "Kontorsstol med armstöd",
     ("Ergonomisk kontorsstol med justerbar sitthöjd, ryggstöd och armstöd. Hjulen rullar fint på hårda"
      " golv."),
     ("give", "sell", "lend"), {"sell": (150, 600)}),
    ("furniture", "kontorsstolar", "Kontorsstol utan armstöd",
     "Enkel kontorsstol, passar i mindre arbetsrum och i receptionen. Tyget är helt.",
     ("give", "sell"), {"sell": (100, 300)}),
    ("furniture", "hoj-och-sankbara-skrivbord", "Höj- och sänkbart skrivbord 160 cm",
     ("Elektriskt höj- och sänkbart skrivbord, 160 × 80 cm. Motorn fungerar, minnesknappar för tre "
      "höjder."),
     ("give", "sell", "rent"), {"sell": (800, 2500), "rent": (150, 400)}),
    ("furniture", "hoj-och-sankbara-skrivbord", "Höj- och sänkbart skrivbord 140 cm",
     "Vevat höj- och sänkbart skrivbord, 140 × 70 cm. Bra till hemarbetsplats eller litet kontor.",
     ("give", "sell"), {"sell": (500, 1500)}),
    ("furniture", "skrivbord", "Skrivbord med lådhurts",
     "Stabilt skrivbord med tillhörande lådhurts på hjul, tre lådor och lås.",
     ("give", "sell"), {"sell": (200, 800)}),
    ("furniture", "forvaring", "Bokhylla 200 cm",
     "Hög bokhylla med fem hyllplan. Skruvas fast i vägg.",
     ("give", "sell"), {"sell": (100, 400)}),
    ("furniture", "forvaring", "Arkivskåp med skjutdörrar",
     "Låsbart arkivskåp med skjutdörrar och fyra hyllplan. Nycklar finns.",
     ("give", "sell", "lend"), {"sell": (300, 1200)}),
    ("furniture", "forvaring", "Hyllsystem för förråd",
     "Galvaniserat hyllsystem, 3 sektioner, tål tung last. Nedmonterat och klart att hämta.",
     ("give", "sell"), {"sell": (200, 900)}),
    ("furniture", "soffor", "Soffa tresits",
     "Tresitssoffa i slitstarkt tyg från personalrummet. Inga fläckar, lite nött på armstöden.",
     ("give", "sell"), {"sell": (400, 2000)}),
    ("furniture", "soffor", "Väntrumssoffa två sits",
     "Tvåsitssoffa i konstläder, lätt att torka av. Passar väntrum och korridorer.",
     ("give", "sell"), {"sell": (300, 1200)}),
    ("furniture", "bord", "Konferensbord 10 personer",
     "Stort konferensbord i ek, 300 × 120 cm, delbart i två delar för transport.",
     ("give", "sell", "lend"), {"sell": (1000, 4000)}),
    ("furniture", "bord", "Cafébord runt",
     "Runt cafébord, 70 cm i diameter, stålfot. Passar personalrum.",
     ("give", "sell"), {"sell": (100, 300)}),
    ("furniture", "stolar", "Stapelbar stol",
     "Stapelbara stolar i bok med stålben. Perfekt till samlingssalen.",
     ("give", "lend", "rent"), {"rent": (10, 30)}),
    ("furniture", "konferensmobler", "Whiteboard på hjul",
     "Dubbelsidig whiteboard på hjul, 120 × 90 cm. Pennor och sudd följer med.",
     ("give", "lend", "sell"), {"sell": (200, 700)}),
    ("furniture", "skolmobler", "Elevbänk höj- och sänkbar",
     "Elevbänk med vevat stativ, för mellanstadiet. Bänkskivan har några repor.",
     ("give", "sell"), {"sell": (100, 400)}),
    ("furniture", "belysning", "Golvlampa LED",
     "Golvlampa med dimmer, varmvitt ljus. Bra vid läsplatser.",
     ("give", "sell"), {"sell": (100, 500)}),
    ("equipment", "it-utrustning", "Projektor Full HD",
     "Projektor med HDMI, fjärrkontroll och väska. Lampan har ca 800 timmar.",
     ("lend", "rent", "sell"), {"rent": (100, 300), "sell": (1000, 3000)}),
    ("equipment", "it-utrustning", "Projektorduk på stativ",
     "Fristående projektorduk 180 × 180 cm, fälls ihop i en bärväska.",
     ("lend", "rent"), {"rent": (50, 150)}),
    ("equipment", "skarmar", "Skärm 24 tum",
     "24-tumsskärm med HDMI och DisplayPort, höjdjusterbar fot.",
     ("give", "sell"), {"sell": (300, 900)}),
    ("equipment", "verktyg", "Borrmaskin med batterier",
     "Skruvdragare/borrmaskin med två batterier, laddare och bitsats i väska.",
     ("lend", "rent"), {"rent": (50, 150)}),
    ("equipment", "verktyg", "Stege 3 m",
     "Aluminiumstege, 3 meter, med stödben. Besiktigad i år.",
     ("lend", "rent"), {"rent": (50, 100)}),
    ("equipment", "verktyg", "Slagborrmaskin",
     "Kraftig slagborrmaskin för betong, med borrsats.",
     ("lend", "rent"), {"rent": (75, 200)}),
    ("equipment", "kok", "Kaffebryggare storkök",
     "Kaffebryggare för 10 liter, passar konferenser och evenemang.",
     ("lend", "rent", "sell"), {"rent": (100, 250), "sell": (500, 2000)}),
    ("equipment", "evenemang", "Partytält 4 × 8 m",
     "Partytält med sidoväggar, tyngder och spännband. Kräver två personer att resa.",
     ("lend", "rent"), {"rent": (300, 900)}),
    ("equipment", "evenemang", "Högtalare med mikrofon",
     "Batteridriven högtalare med två trådlösa mikrofoner.",
     ("lend", "rent"), {"rent": (100, 300)}),
    ("equipment", "hjalpmedel", "Rollator",
     "Rollator med sits och korg, fällbar.",
     ("give", "lend"), {}),
    ("equipment", "sport-och-fritid", "Cyklar till lägerskola",
     "Cyklar i olika storlekar, servade i våras.",
     ("lend", "rent"), {"rent": (50, 100)}),
    ("service", "snickeri", "Snickeritimmar från AME",
     ("Arbetsmarknadsenhetens snickeri bygger, lagar och anpassar möbler. Boka timmar, material "
      "tillkommer."),
     ("sell",), {"sell": (300, 450)}),
    ("service", "flytthjalp", "Flytthjälp med lastbil",
     "Två personer och lastbil hjälper till vid flytt mellan lokaler. Pris per timme.",
     ("sell",), {"sell": (450, 650)}),
    ("service", "tapetsering", "Omklädsel av stolar",
     "Vi klär om stolar och soffor i nytt tyg. Tyget väljs tillsammans.",
     ("sell",), {"sell": (250, 600)}),
    ("service", "reparation", "Reparation av kontorsstolar",
     "Byte av gaskolv, hjul och armstöd på kontorsstolar.",
     ("sell", "give"), {"sell": (150, 300)}),
    ("staffing", "uppdrag", "Vikarie till förskola",
     "Erfaren barnskötare kan ta vikariat i kortare perioder.",
     ("sell",), {"sell": (250, 350)}),
    ("staffing", "uppdrag", "Vaktmästare för evenemang",
     "Vaktmästare som bär, ställer i ordning och städar efter evenemang.",
     ("sell",), {"sell": (300, 400)}),
    ("staffing", "praktik", "Praktikplats inom lager och logistik",
     "Deltagare från AME kan göra praktik med handledare på ert lager.",
     ("give",), {}),
)

RENT_PERIOD = {"furniture": "month", "equipment": "day", "service": "hour", "staffing": "hour"}
CONDITIONS = ("good", "good", "good", "used", "used", "new", "worn")

# (municipality, what the employee"s unit looks for, category slug)
WANTS = (
    ("Ystad", "Kontorsstolar till nya medarbetare", "kontorsstolar"),
    ("Ystad", "Projektor till aulan", "it-utrustning"),
    ("Skurup", "Höj- och sänkbara skrivbord", "hoj-och-sankbara-skrivbord"),
    ("Skurup", "Soffa till personalrummet", "soffor"),
    ("Trelleborg", "Hyllor till förrådet", "forvaring"),
    ("Trelleborg", "Partytält till skolavslutning", "evenemang"),
)
