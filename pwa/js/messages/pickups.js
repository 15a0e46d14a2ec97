/** Messages: a driver's pickup outside their jobs (the phone's question, the coordinator's decision). */

export default {
  sv: {
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
  },
  en: {
    "pickup.outside_question": "This item is not in your jobs. Pick it up anyway?",
    "pickup.outside_note":
      "{title} is not in any of your jobs. If you pick it up anyway, the coordinator sees the pickup and decides whether it stands or the item goes back.",
    "pickup.outside_confirm": "Pick up anyway",
    "pickup.outside_decline": "Leave it",
    "pickup.outside_declined": "No pickup saved for {title}.",
    "pickup.outside_saved": "The coordinator decides whether the pickup stands",
    "reason.outside_jobs":
      "The item is not in your jobs. The coordinator decides whether the pickup stands or the item goes back.",
    "work.section_pickups": "Pickups outside the jobs",
    "work.detail_confirmed": "confirmed by the driver",
    "work.detail_unconfirmed": "sent without asking (older app)",
    "pickup.row": "Picked up by {driver} into {place}, {time}",
    "pickup.unknown_place": "no vehicle scanned",
    "pickup.unknown_driver": "unknown driver",
    "pickup.accept": "Accept the pickup",
    "pickup.return": "Send it back",
    "pickup.accepted": "Accepted: {title} is picked up by {driver}.",
    "pickup.returned": "{title} goes back to where it was. Tell {driver}.",
  },
};
