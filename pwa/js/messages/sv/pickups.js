/**
 * Messages: a driver's pickup outside their jobs (the phone's question, the coordinator's decision).
 * In Swedish, the reference: ../en/pickups.js has the same keys.
 */

export default {
  "pickup.outside_question": "Det här föremålet finns inte i dina uppdrag. Hämta ändå?",
  "pickup.outside_note":
    "{title} finns inte i något av dina uppdrag. Hämtar du den ändå får samordnaren se hämtningen och avgöra om den står sig eller om saken ska tillbaka.",
  "pickup.outside_confirm": "Hämta ändå",
  "pickup.outside_decline": "Låt bli",
  "pickup.outside_declined": "Ingen hämtning sparad för {title}.",
  "pickup.outside_saved": "Samordnaren avgör om hämtningen står sig",
  "reason.outside_jobs":
    "Saken finns inte i dina uppdrag. Samordnaren avgör om hämtningen står sig eller om saken ska tillbaka.",
  "work.section_pickups": "Hämtningar utanför uppdrag",
  "work.detail_confirmed": "föraren bekräftade",
  "work.detail_unconfirmed": "skickad utan fråga (äldre app)",
  "pickup.row": "Hämtad av {driver} till {place}, {time}",
  "pickup.unknown_place": "inget fordon skannat",
  "pickup.unknown_driver": "okänd förare",
  "pickup.accept": "Godkänn hämtningen",
  "pickup.return": "Ska tillbaka",
  "pickup.accepted": "Godkänd: {title} är hämtad av {driver}.",
  "pickup.returned": "{title} ska tillbaka dit den var. Säg till {driver}.",
};
