/**
 * Messages: passwords by e-mail (forgotten, invited). In Swedish, the reference: ../en/mail.js has the
 * same keys.
 */

export default {
  "login.forgot": "Glömt lösenordet?",
  "password.forgot_title": "Glömt lösenordet?",
  "password.forgot_intro": "Skriv e-postadressen du loggar in med. Vi skickar en länk där du väljer ett nytt lösenord. Länken gäller i en timme.",
  "password.send_link": "Skicka länken",
  "password.sending": "Skickar …",
  "password.link_sent": "Om {email} har ett konto i Delbar kommer ett e-postmeddelande med en länk inom några minuter. Titta även i skräpposten.",
  "password.offline": "Det gick inte att nå Delbar. Kontrollera anslutningen och försök igen.",
  "password.back_to_login": "Tillbaka till inloggningen",
  "password.link_title": "Välj lösenord",
  "password.link_intro": "Lösenordet ska ha minst 10 tecken. Ett par ord i rad är lätt att minnas och svårt att gissa.",
  "password.for": "Nytt lösenord för {email}.",
  "password.welcome": "Välkommen till Delbar! Välj ett lösenord för {email}.",
  "password.new": "Nytt lösenord",
  "password.new_hint": "Minst 10 tecken.",
  "password.again": "Skriv lösenordet igen",
  "password.mismatch": "Lösenorden är inte lika. Skriv samma lösenord i båda fälten.",
  "password.save": "Spara lösenordet",
  "password.saving": "Sparar …",
  "password.saved": "Klart! Nu kan du logga in med ditt nya lösenord.",
  "password.to_login": "Logga in",
  "password.link_invalid": "Länken fungerar inte längre: den är redan använd eller för gammal. Be om en ny under Glömt lösenordet? på inloggningssidan.",
};
