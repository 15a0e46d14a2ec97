/**
 * Messages: the app's shell (navigation) and the start page. In Swedish, the reference: ../en/shell.js
 * has the same keys.
 */

export default {
  "nav.label": "Huvudmeny",
  "nav.home": "Hem",
  "nav.search": "Sök",
  "nav.create": "Lägg upp",
  "nav.bookings": "Bokningar",
  "nav.jobs": "Jobb",
  "nav.transport": "Transporter",
  "nav.admin": "Administration",
  "nav.more": "Mer i Delbar",

  "home.search_label": "Vad behöver du?",
  "home.search_placeholder": "Till exempel kontorsstol eller projektor",
  "home.search_submit": "Sök",
  "home.waiting_title": "Väntar på dig",
  "home.waiting_none": "Inget väntar på dig just nu.",
  "home.waiting_unread": { one: "oläst notis", other: "olästa notiser" },
  "home.waiting_approve": { one: "förfrågan att svara på", other: "förfrågningar att svara på" },
  "home.waiting_return": { one: "sak att lämna tillbaka", other: "saker att lämna tillbaka" },
  "home.waiting_matches": { one: "träff på dina efterlysningar", other: "träffar på dina efterlysningar" },
  "home.nearby_title": "Nytt nära dig",
  "home.nearby_unit": "Från {unit}",
  "home.nearby_municipality": "I {municipality}",
  "home.nearby_network": "I samverkan med andra kommuner",
  "home.nearby_none": "Inget nytt här ännu.",
  "home.nearby_all": "Se alla annonser",
  "home.bookings_title": "Dina förfrågningar och bokningar",
  "home.bookings_none": "Du har inga öppna förfrågningar eller bokningar.",
  "home.bookings_all": "Alla dina bokningar",
  "home.wants_title": "Dina efterlysningar",
  "home.wants_none": "Du har inga öppna efterlysningar.",
  "home.wants_matches": { one: "{count} träff", other: "{count} träffar" },
  "home.wants_no_matches": "Inga träffar ännu",
  "home.wants_all": "Efterlys något",
  "home.loading": "Hämtar …",
};
