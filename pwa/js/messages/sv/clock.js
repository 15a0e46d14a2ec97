/**
 * Messages: the phone's clock (the driver's warning, the scan log, the work queue). In Swedish, the
 * reference: ../en/clock.js has the same keys.
 */

export default {
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
};
