/** Messages: the phone's clock (the driver's warning, the scan log, the work queue). */

export default {
  sv: {
    "clock.minutes": { one: "{count} minut", other: "{count} minuter" },
    "clock.hours": { one: "{count} timme", other: "{count} timmar" },
    "clock.days": { one: "{count} dag", other: "{count} dagar" },
    "clock.phone_ahead": "Telefonens klocka går {amount} före.",
    "clock.phone_behind": "Telefonens klocka går {amount} efter.",
    "clock.phone_advice":
      "Ställ in automatisk tid i telefonens inställningar. Dina skanningar sparas ändå och får rätt tid.",
    "clock.was_ahead": "Telefonens klocka gick {amount} före",
    "clock.was_behind": "Telefonens klocka gick {amount} efter",
    "clock.time_server": "tiden är serverns",
    "clock.time_corrected": "tiden är rättad",
    "work.section_clocks": "Telefoner med fel klocka",
    "work.clock_ahead": "klockan går {amount} före",
    "work.clock_behind": "klockan går {amount} efter",
  },
  en: {
    "clock.minutes": { one: "{count} minute", other: "{count} minutes" },
    "clock.hours": { one: "{count} hour", other: "{count} hours" },
    "clock.days": { one: "{count} day", other: "{count} days" },
    "clock.phone_ahead": "The phone's clock is {amount} ahead.",
    "clock.phone_behind": "The phone's clock is {amount} behind.",
    "clock.phone_advice":
      "Turn on automatic time in the phone's settings. Your scans are still saved and get the right time.",
    "clock.was_ahead": "The phone's clock was {amount} ahead",
    "clock.was_behind": "The phone's clock was {amount} behind",
    "clock.time_server": "the server's time is used",
    "clock.time_corrected": "the time is corrected",
    "work.section_clocks": "Phones with a wrong clock",
    "work.clock_ahead": "clock {amount} ahead",
    "work.clock_behind": "clock {amount} behind",
  },
};
