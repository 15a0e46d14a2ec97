/**
 * Messages: what waits on this phone (the outbox, signing out with unsent work) and what came of the
 * photos sent from it. In English, with the keys of ../sv/outbox.js.
 */

export default {
  "outbox.waiting": {
    one: "{count} scan waiting to be sent",
    other: "{count} scans waiting to be sent",
  },
  "outbox.all_sent": "All scans are sent",
  "outbox.photos": {
    one: "{count} photo waiting to upload",
    other: "{count} photos waiting to upload",
  },
  "outbox.messages": {
    one: "{count} message waiting to be sent",
    other: "{count} messages waiting to be sent",
  },
  "outbox.messages_short": { one: "{count} waiting to be sent", other: "{count} waiting to be sent" },
  "outbox.intakes": {
    one: "{count} new item waiting to be sent",
    other: "{count} new items waiting to be sent",
  },
  "outbox.attention": {
    one: "{count} scan needs attention",
    other: "{count} scans need attention",
  },

  "outbox.all_yours_sent": "All your scans are sent",
  "outbox.others_scans": {
    one: "{count} scan is waiting for {name}.",
    other: "{count} scans are waiting for {name}.",
  },
  "outbox.others_photos": {
    one: "{count} photo is waiting for {name}.",
    other: "{count} photos are waiting for {name}.",
  },
  "outbox.others_when": "They are sent when {name} logs in on this phone again.",

  "logout.sending": "Sending what is waiting …",
  "logout.scans": { one: "{count} scan", other: "{count} scans" },
  "logout.photos": { one: "{count} photo", other: "{count} photos" },
  "logout.and": "and",
  "logout.unsent": { one: "{what} has not been sent yet – log out anyway?", other: "{what} have not been sent yet – log out anyway?" },
  "logout.kept": "They stay on this phone and are sent when you log in here again. Nobody else who logs in can send them.",
  "logout.anyway": "Log out anyway",
  "logout.cancel": "Cancel",
  "logout.discard": "Delete them and log out",

  "photo_result.title": "Uploaded photos",
  "photo_result.uploaded": "The photo of {title} is uploaded.",
  "photo_result.uploaded_plain": "The photo is uploaded.",
  "photo_result.refused": "The photo of {title} was not saved.",
  "photo_result.refused_plain": "The photo was not saved.",
  "photo_result.no_listing": "The item is on no listing yet, and photos are kept with the listing. Put the item on a listing and take the photo again.",
  "photo_result.refused_other": "Delbar did not accept it (too large or not a picture, for example). Take a new photo.",
  "photo_result.clear": "Clear the list",
  "photo_label.linked": "The label {code} in the photo is now linked to the item.",
  "photo_label.already_linked": "The label {code} in the photo is already the item's label.",
  "photo_label.item_labelled": "The label {code} was not linked: the item has a label already. Relabel it by scanning the new one.",
  "photo_label.belongs_elsewhere": "The label {code} was not linked: it is already used for another item or place.",
  "photo_label.unknown": "The label {code} was not linked: it is not in Delbar in your municipality.",
  "photo_label.several": "Several labels show in the photo, so none was linked. Photograph one label at a time, or scan it.",
  "photo_label.none": "No label could be read in the photo. Link the label by scanning it.",
};
