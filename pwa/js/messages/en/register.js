/**
 * Messages: the warehouse's list of register items, printing labels for a selection, and an item of
 * the register listed from its page. In English, with the keys of ../sv/register.js.
 */

export default {
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
  "item.list": "List in the catalogue",
  "item.list_hint": "The item becomes a listing with its title, category, unit, place and photos.",
  "item.list_deal": "What should happen to it?",
  "item.list_give": "Give away",
  "item.list_lend": "Lend",
  "item.list_rent": "Rent out",
  "item.list_sell": "Sell",
  "item.list_publish": "Publish at once (otherwise a draft)",
  "item.list_save": "List it",
  "item.listed": "The item is listed.",
  "item.listed_draft": "The item is a draft in the catalogue.",
  "item.show_listing": "Show the listing",
  "item.photos": "Photos of the item",
  "item.photo_n": "{title}, photo {n}",
};
