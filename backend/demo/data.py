"""The reference network as data: Ystad, Skurup and Trelleborg, their units, places and people."""

from __future__ import annotations

NETWORK = "Samverkan Sydkust"
DEMO_PASSWORD = "delbar-demo"
DOMAIN = "exempel.se"

# (name, cost centre) per municipality; cost centres follow each municipality's own scheme.
UNITS = [
    ("Kommunledningsförvaltningen", "1000"),
    ("Barn- och utbildningsförvaltningen", "3000"),
    ("Socialförvaltningen", "4000"),
    ("Kultur och fritid", "5000"),
    ("Samhällsbyggnadsförvaltningen", "6000"),
    ("Arbetsmarknadsenheten", "7100"),
]
AME_UNIT = "Arbetsmarknadsenheten"
# What the AME charges per delivered transport job, in öre (450 kr).
TRANSPORT_FEE_ORE = 45_000

MUNICIPALITIES = {
    "Ystad": {"slug": "ystad", "warehouse": "Industrigatan 12, 271 39 Ystad", "prefix": "1"},
    "Skurup": {"slug": "skurup", "warehouse": "Norregatan 4, 274 33 Skurup", "prefix": "2"},
    "Trelleborg": {"slug": "trelleborg", "warehouse": "Hamngatan 20, 231 42 Trelleborg", "prefix": "3"},
}

# One person per role and municipality: (role, e-mail local part, unit, names per municipality).
PEOPLE = [
    ("employee", "medarbetare", "Barn- och utbildningsförvaltningen", ["Anna Lindqvist", "Erik Holm", "Sara Nyberg"]),
    ("warehouse", "lager", "Arbetsmarknadsenheten", ["Mehmet Yilmaz", "Lena Ek", "Jonas Berg"]),
    ("driver", "chauffor", "Arbetsmarknadsenheten", ["Peter Sjöberg", "Amina Hassan", "Karl Nilsson"]),
    ("coordinator", "samordnare", "Arbetsmarknadsenheten", ["Maria Persson", "Ali Rahimi", "Eva Lund"]),
    ("admin", "admin", "Kommunledningsförvaltningen", ["Johan Ek", "Karin Svensson", "Oskar Falk"]),
    ("reporter", "rapportor", "Kommunledningsförvaltningen", ["Sofia Åberg", "Nils Öberg", "Ida Ström"]),
]

# The AME warehouse: halls with shelves, plus a van and the town hall as a pickup site.
WAREHOUSE_HALLS = {"Hall A": ["A1", "A2", "A3", "A4"], "Hall B": ["B1", "B2", "B3"]}
OTHER_SITES = {"Stadshuset": "Stortorget 1"}
VEHICLES = ["Transportbil 1", "Transportbil 2"]
