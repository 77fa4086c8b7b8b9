// What an error code means, in the reader's language: shared by the browser (components/i18n.ts) and the
// pages the server renders (server/participant-page.ts), so both say it through the same catalogue.
import { msg } from '@lit/localize';

const ERROR_TEXT: Record<string, () => string> = {
  network: () => msg('Ingen forbindelse til serveren.'),
  unauthorized: () => msg('Din adgang til rummet er udløbet. Deltag med koden igen.'),
  forbidden: () => msg('Din adgang hører til et andet rum.'),
  not_found: () => msg('Rummet findes ikke længere.'),
  unknown_code: () => msg('Der er intet rum med den kode. Tjek koden på skærmen.'),
  unknown_activity: () => msg('Afstemningen findes ikke i dette rum.'),
  activity_closed: () => msg('Afstemningen er ikke åben.'),
  invalid_ballot: () => msg('Svaret har ikke den rigtige form.'),
  unknown_option: () => msg('Den valgte mulighed findes ikke.'),
  unknown_board: () => msg('Tavlen findes ikke i dette rum.'),
  unknown_note: () => msg('Sedlen findes ikke (længere).'),
  unknown_entry: () => msg('Svaret findes ikke (længere).'),
  several_senders: () => msg('Flere deltagere har givet dette svar, så det kan ikke føres tilbage til én afsender. Skjul svaret i stedet.'),
  board_closed: () => msg('Tavlen er ikke åben for det lige nu.'),
  board_full: () => msg('Tavlen er fuld; sedlen blev ikke gemt.'),
  cross_site: () => msg('Forespørgslen kom fra en anden side og er afvist. Åbn Rådslag direkte.'),
  not_your_note: () => msg('Du kan kun ændre dine egne sedler.'),
  invalid_note: () => msg('Sedlen er tom eller for lang.'),
  invalid_dots: () => msg('Prikkerne passer ikke: tjek hvor mange du har.'),
  unknown_zone: () => msg('Feltet på tavlen findes ikke.'),
  unknown_target: () => msg('En af sedlerne findes ikke længere. Placér prikkerne igen.'),
  rate_limited: () => msg('For mange handlinger på kort tid. Vent et øjeblik.'),
  // Voting cards (docs/voting-cards.md).
  members_only: () => msg('Kun udvalgets medlemmer kan stemme om dette. Er du medlem, så indtast koden fra dit stemmekort først.'),
  unknown_card: () => msg('Koden passer ikke til et stemmekort i dette rum. Tjek koden på dit kort.'),
  card_taken: () =>
    msg(
      'Stemmekortet bruges allerede på en anden telefon, eller denne telefon bruger et andet kort. Bed mødelederen om et nyt kort, hvis dit er blevet væk.',
    ),
  already_voted: () => msg('Der er allerede stemt med dette stemmekort. En stemme på et stemmekort kan ikke ændres.'),
  unknown_member: () => msg('Medlemmet findes ikke i dette rum.'),
  storage_unavailable: () => msg('Serveren kunne ikke gemme det lige nu. Prøv igen om et øjeblik.'),
  invalid_request: () => msg('Forespørgslen var ugyldig.'),
  internal: () => msg('Der skete en fejl på serveren.'),
  bad_response: () => msg('Uventet svar fra serveren.'),
  http: () => msg('Serveren svarede med en fejl.'),
};

/** The reader's words for an error code, or undefined for a code without its own text. */
export function errorMessage(code: string): string | undefined {
  return ERROR_TEXT[code]?.();
}
