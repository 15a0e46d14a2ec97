/**
 * Messages: proof of delivery (the job card's receipt, the booking's). In English, with the keys of
 * ../sv/proof.js.
 */

export default {
  "proof.title": "Receipt",
  "proof.open": "Sign for the delivery",
  "proof.name": "Recipient's name",
  "proof.how": "How is it signed for?",
  "proof.signature": "Signature on the screen",
  "proof.photo": "Photo of the handover",
  "proof.pad": "Sign here with a finger",
  "proof.pad_hint": "The recipient writes their name with a finger in the box.",
  "proof.clear": "Clear the signature",
  "proof.take_photo": "Take a photo",
  "proof.photo_chosen": "Photo chosen: {name}",
  "proof.save": "Save receipt",
  "proof.cancel": "Cancel",
  "proof.name_missing": "Write the recipient's name.",
  "proof.signature_missing": "The recipient has not signed yet.",
  "proof.photo_missing": "Take a photo of the handover first.",
  "proof.failed": "The receipt could not be saved on the phone. Try again.",
  "proof.waiting": "The receipt from {name} is saved and is sent once the phone has a network.",
  "proof.sent": "Signed for by {name}.",
  "proof.signed_by": "Signed for by {name} {time}",
  "proof.image_signature": "Signature of {name}",
  "proof.image_photo": "Photo of the handover to {name}",
  "proof.result_sent": "The receipt for {title} is sent.",
  "proof.result_refused": "The receipt for {title} was not saved.",
  "proof.refused.already_proved": "The delivery already has a receipt.",
  "proof.refused.not_delivered": "The items were not scanned as delivered.",
};
