/**
 * Messages: the warehouse's list of register items, printing labels for a selection, and an item of
 * the register listed from its page. In Swedish, the reference: ../en/register.js has the same keys.
 */

export default {
  "register.title": "Saker i registret",
  "register.link": "Skriv ut etiketter för valda saker",
  "register.search": "Sök saker (namn, inventarienummer eller plats)",
  "register.all": "Välj alla i sökresultatet",
  "register.none": "Inga saker matchar sökningen.",
  "register.no_code": "ingen etikett än",
  "register.chosen": { one: "{count} sak vald", other: "{count} saker valda" },
  "register.print": { one: "Skriv ut {count} etikett", other: "Skriv ut {count} etiketter" },
  "register.too_many": "Högst {max} etiketter per utskrift: välj färre.",
  "register.open": { one: "Öppna PDF med {count} etikett", other: "Öppna PDF med {count} etiketter" },
  "register.open_zpl": "Hämta ZPL-filen",
  "item.list": "Lägg ut i katalogen",
  "item.list_hint": "Saken blir en annons med sin benämning, kategori, enhet, plats och sina foton.",
  "item.list_deal": "Vad ska hända med den?",
  "item.list_give": "Ge bort",
  "item.list_lend": "Låna ut",
  "item.list_rent": "Hyra ut",
  "item.list_sell": "Sälja",
  "item.list_publish": "Publicera direkt (annars ett utkast)",
  "item.list_save": "Lägg ut",
  "item.listed": "Saken är utlagd.",
  "item.listed_draft": "Saken är ett utkast i katalogen.",
  "item.show_listing": "Visa annonsen",
  "item.photos": "Foton av saken",
  "item.photo_n": "{title}, foto {n}",
};
