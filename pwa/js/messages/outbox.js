/**
 * Messages: what waits on this phone (the outbox, signing out with unsent work) and what came
 * of the photos sent from it. Swedish is the reference; English mirrors every key.
 */

export default {
  sv: {
    "outbox.waiting": {
      one: "{count} skanning väntar på att skickas",
      other: "{count} skanningar väntar på att skickas",
    },
    "outbox.all_sent": "Alla skanningar är skickade",
    "outbox.photos": {
      one: "{count} foto väntar på att laddas upp",
      other: "{count} foton väntar på att laddas upp",
    },
    "outbox.messages": {
      one: "{count} meddelande väntar på att skickas",
      other: "{count} meddelanden väntar på att skickas",
    },
    "outbox.messages_short": { one: "{count} väntar att skickas", other: "{count} väntar att skickas" },
    "outbox.intakes": {
      one: "{count} ny sak väntar på att skickas",
      other: "{count} nya saker väntar på att skickas",
    },
    "outbox.attention": {
      one: "{count} skanning behöver åtgärd",
      other: "{count} skanningar behöver åtgärd",
    },

    "outbox.all_yours_sent": "Alla dina skanningar är skickade",
    "outbox.others_scans": {
      one: "{count} skanning väntar på {name}.",
      other: "{count} skanningar väntar på {name}.",
    },
    "outbox.others_photos": {
      one: "{count} foto väntar på {name}.",
      other: "{count} foton väntar på {name}.",
    },
    "outbox.others_when": "De skickas när {name} loggar in på den här telefonen igen.",

    "logout.sending": "Skickar det som väntar …",
    "logout.scans": { one: "{count} skanning", other: "{count} skanningar" },
    "logout.photos": { one: "{count} foto", other: "{count} foton" },
    "logout.and": "och",
    "logout.unsent": "{what} har inte skickats än – logga ut ändå?",
    "logout.kept": "De sparas på telefonen och skickas när du loggar in här igen. Ingen annan som loggar in kan skicka dem.",
    "logout.anyway": "Logga ut ändå",
    "logout.cancel": "Avbryt",
    "logout.discard": "Ta bort dem och logga ut",

    "photo_result.title": "Uppladdade foton",
    "photo_result.uploaded": "Fotot av {title} är uppladdat.",
    "photo_result.uploaded_plain": "Fotot är uppladdat.",
    "photo_result.refused": "Fotot av {title} sparades inte.",
    "photo_result.refused_plain": "Fotot sparades inte.",
    "photo_result.no_listing": "Saken finns inte i någon annons än, och foton sparas med annonsen. Lägg saken i en annons och fotografera den igen.",
    "photo_result.refused_other": "Delbar tog inte emot det (till exempel för stort eller inte en bild). Ta ett nytt foto.",
    "photo_result.clear": "Rensa listan",
    "photo_label.linked": "Etiketten {code} på fotot är nu kopplad till saken.",
    "photo_label.already_linked": "Etiketten {code} på fotot är redan sakens etikett.",
    "photo_label.item_labelled": "Etiketten {code} kopplades inte: saken har redan en etikett. Byt etikett genom att skanna den nya.",
    "photo_label.belongs_elsewhere": "Etiketten {code} kopplades inte: den används redan för en annan sak eller plats.",
    "photo_label.unknown": "Etiketten {code} kopplades inte: den finns inte i Delbar i din kommun.",
    "photo_label.several": "Flera etiketter syns på fotot, så ingen kopplades. Fotografera en etikett i taget, eller skanna den.",
    "photo_label.none": "Ingen etikett gick att läsa på fotot. Koppla etiketten genom att skanna den.",
  },
  en: {
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
  },
};
