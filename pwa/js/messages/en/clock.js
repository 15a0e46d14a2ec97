/**
 * Messages: the phone's clock (the driver's warning, the scan log, the work queue). In English, with
 * the keys of ../sv/clock.js.
 */

export default {
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
};
