/** Messages: the warehouse's list of register items and printing labels for a selection. */

export default {
  sv: {
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
  },
  en: {
    "register.title": "Items in the register",
    "register.link": "Print labels for chosen items",
    "register.search": "Search items (name, inventory number or place)",
    "register.all": "Choose all in the search result",
    "register.none": "No items match the search.",
    "register.no_code": "no label yet",
    "register.chosen": { one: "{count} item chosen", other: "{count} items chosen" },
    "register.print": { one: "Print {count} label", other: "Print {count} labels" },
    "register.too_many": "At most {max} labels per print: choose fewer.",
    "register.open": { one: "Open the PDF with {count} label", other: "Open the PDF with {count} labels" },
    "register.open_zpl": "Download the ZPL file",
  },
};
