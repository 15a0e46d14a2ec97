"""What the report PDF says, in Swedish and English (the server writes a person's text in their language)."""

from __future__ import annotations

WORDS = {
    "sv": {
        "title": "Hållbarhetsrapport", "network": "hela samverkan", "period": "Period",
        "figure": "Nyckeltal", "this_period": "Vald period", "previous": "Perioden före", "change": "Förändring",
        "co2e": "Undvikna utsläpp (kg CO2e)", "saved": "Sparade pengar", "reuses": "Återbruk",
        "pieces": "Antal saker", "waste": "Undvikt avfall (kg)",
        "previous_note": "Perioden före är lika lång och slutar där den valda börjar: {period}.",
        "charts": "Diagram", "per_month": "Per månad", "per_unit": "Per enhet",
        "per_municipality": "Per kommun (bara totaler)", "per_category": "Per kategori",
        "month": "Månad", "unit": "Enhet", "municipality": "Kommun", "category": "Kategori",
        "co2e_short": "kg CO2e", "saved_short": "Sparat",
        "checks_line": ("{checks} inköp gick genom inköpskontrollen; {share} % av besluten blev återbruk, "
                        "som sparade {saved}."),
        "work": "Arbete som tjänsten gav (AME)",
        "work_total": "{hours} timmar i {tasks} uppdrag: transporter, intag och reparationer.",
        "hours": "Timmar", "tasks": "Uppdrag", "task_kind": "Typ av arbete",
        "kind_transport": "Transport", "kind_intake": "Intag", "kind_repair": "Reparation",
        "factors": "Faktorer som användes (källa och systemgräns)",
        "no_factors": "Inga faktorer användes under perioden.",
        "own": "egen", "national": "nationell", "version": "version", "source": "Källa", "boundary": "Systemgräns",
    },
    "en": {
        "title": "Sustainability report", "network": "the whole network", "period": "Period",
        "figure": "Key figure", "this_period": "Chosen period", "previous": "Period before", "change": "Change",
        "co2e": "Emissions avoided (kg CO2e)", "saved": "Money saved", "reuses": "Reuses",
        "pieces": "Items", "waste": "Waste avoided (kg)",
        "previous_note": "The period before is as long and ends where the chosen one begins: {period}.",
        "charts": "Charts", "per_month": "Per month", "per_unit": "Per unit",
        "per_municipality": "Per municipality (totals only)", "per_category": "Per category",
        "month": "Month", "unit": "Unit", "municipality": "Municipality", "category": "Category",
        "co2e_short": "kg CO2e", "saved_short": "Saved",
        "checks_line": ("{checks} purchases went through the purchase check; {share} % of the decisions led to reuse, "
                        "which saved {saved}."),
        "work": "Work the service created (AME)",
        "work_total": "{hours} hours in {tasks} tasks: transport, intake and repairs.",
        "hours": "Hours", "tasks": "Tasks", "task_kind": "Kind of work",
        "kind_transport": "Transport", "kind_intake": "Intake", "kind_repair": "Repair",
        "factors": "Factors used (source and system boundary)", "no_factors": "No factors were used in the period.",
        "own": "own", "national": "national", "version": "version", "source": "Source", "boundary": "System boundary",
    },
}
