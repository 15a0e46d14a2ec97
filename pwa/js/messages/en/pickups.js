/**
 * Messages: a driver's pickup outside their jobs (the phone's question, the coordinator's decision).
 * In English, with the keys of ../sv/pickups.js.
 */

export default {
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
};
