/**
 * Messages: what waits on this phone (the outbox, signing out with unsent work) and what came of the
 * photos sent from it. In Swedish, the reference: ../en/outbox.js has the same keys.
 */

export default {
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
};
