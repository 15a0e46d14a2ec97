/**
 * Messages: proof of delivery (the job card's receipt, the booking's). In Swedish, the reference:
 * ../en/proof.js has the same keys.
 */

export default {
  "proof.title": "Kvittens",
  "proof.open": "Kvittera leveransen",
  "proof.name": "Mottagarens namn",
  "proof.how": "Hur kvitteras det?",
  "proof.signature": "Signatur på skärmen",
  "proof.photo": "Foto av överlämningen",
  "proof.pad": "Signera här med fingret",
  "proof.pad_hint": "Mottagaren skriver sitt namn med fingret i rutan.",
  "proof.clear": "Rensa signaturen",
  "proof.take_photo": "Ta foto",
  "proof.photo_chosen": "Fotot är valt: {name}",
  "proof.save": "Spara kvittens",
  "proof.cancel": "Avbryt",
  "proof.name_missing": "Skriv mottagarens namn.",
  "proof.signature_missing": "Mottagaren har inte signerat än.",
  "proof.photo_missing": "Ta ett foto av överlämningen först.",
  "proof.failed": "Kvittensen kunde inte sparas på telefonen. Försök igen.",
  "proof.waiting": "Kvittensen från {name} är sparad och skickas när telefonen har nät.",
  "proof.sent": "Kvitterad av {name}.",
  "proof.signed_by": "Kvitterad av {name} {time}",
  "proof.image_signature": "Signatur av {name}",
  "proof.image_photo": "Foto av överlämningen till {name}",
  "proof.result_sent": "Kvittensen för {title} är skickad.",
  "proof.result_refused": "Kvittensen för {title} sparades inte.",
  "proof.refused.already_proved": "Leveransen har redan en kvittens.",
  "proof.refused.not_delivered": "Sakerna var inte skannade som levererade.",
};
